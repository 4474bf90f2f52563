import type { Command } from 'commander';
import { scheduleTraining } from '../../predict/index.js';
import { scheduleSegments } from '../../profiles/index.js';
import {
  RECOMMEND_MODEL_KIND,
  RECOMMEND_TRAIN_JOB,
  scheduleRecommendationRefresh,
} from '../../recommend/serving/index.js';
import { createApiKey } from '../../server/api-keys.js';
import { describeDatabase, openContext } from '../context.js';
import { action, intOption, log } from '../output.js';
import { isStoreEmpty, loadDemoShop, startJobs } from '../runtime.js';

export const DEMO_DEFAULTS = { users: 2000, seed: 42 } as const;

/**
 * `osprey serve [--demo]`: the API (and, without Redis, the in-process job worker). `npm start` runs
 * `osprey serve --demo`, which loads the demo shop into an empty store after the API is already listening.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API (Segment ingestion, management API, OpenAPI docs at /docs, /metrics)')
    .option('--demo', 'load the synthetic demo shop (2,000 users, seed 42) if the store is empty')
    .option('--port <port>', 'HTTP port (default: $OSPREY_PORT or 8080)')
    .addHelpText(
      'after',
      '\nOn first start (no API keys yet) an admin key is created and printed once.\n' +
        'Jobs (imports) run in this process unless OSPREY_REDIS_URL is set; then run `osprey worker` too.\n',
    )
    .action(
      action(async (opts: { demo?: boolean; port?: string }, cmd: Command) => {
        const c = await openContext(cmd);
        const port = intOption('port', opts.port, c.config.port, 0);
        const firstKey =
          (await c.store.keys.list()).length === 0
            ? await createApiKey(c.store, { role: 'admin', label: 'created on first start' })
            : null;
        const jobs = await startJobs({ ...c, runWorker: c.config.redisUrl === null });
        // Loaded on demand so other verbs don't pay for Fastify and its plugins at start-up.
        const { buildServer } = await import('../../server/app.js');
        const app = await buildServer({
          store: c.store,
          config: c.config,
          queue: jobs.queue,
          secrets: c.secrets,
        });
        const address = await app.listen({ port, host: c.config.host });
        const url = `http://localhost:${new URL(address).port}`;

        const lines = [
          '',
          `Osprey is running at ${url}`,
          `  API docs      ${url}/docs`,
          `  health        ${url}/health   metrics ${url}/metrics`,
          `  data folder   ${c.config.dataDir}`,
          `  database      ${describeDatabase(c.config)}`,
          `  jobs          ${c.config.redisUrl ? 'BullMQ on Redis (run `osprey worker`)' : 'in this process'}`,
        ];
        if (firstKey) {
          lines.push(`  admin key     ${firstKey.key}`);
          lines.push(
            '                (shown once — keep it; `osprey keys create --role admin` makes another)',
          );
        } else
          lines.push('  admin key     (created earlier; `osprey keys create --role admin` makes another)');
        process.stdout.write(`${lines.join('\n')}\n\n`);

        // Recommendations are retrained on a schedule (OSPREY_RECOMMEND_REFRESH_HOURS, default 6).
        const refreshHours = Number(process.env.OSPREY_RECOMMEND_REFRESH_HOURS ?? 6);
        const stopRefresh = scheduleRecommendationRefresh(
          jobs.queue,
          (Number.isFinite(refreshHours) && refreshHours > 0 ? refreshHours : 6) * 3_600_000,
        );
        let stopping = false;
        let stopTraining = () => {};
        const shutdown = async () => {
          if (stopping) return;
          stopping = true;
          log('shutting down…');
          stopTraining();
          await app.close();
          stopRefresh();
          await jobs.stop();
          await c.store.close();
          process.exit(0);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);

        if (opts.demo && (await isStoreEmpty(c.store))) {
          const started = Date.now();
          log(`loading the demo shop (${DEMO_DEFAULTS.users} users, seed ${DEMO_DEFAULTS.seed})…`);
          const r = await loadDemoShop({ ...c, ...DEMO_DEFAULTS, now: started, queue: jobs.queue });
          log(
            `demo shop loaded: ${r.users} users, ${r.items} items, ${r.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        }
        // First start (or a store that has events but no recommendation model yet): train in the
        // background; until it is ready the API answers with popular items and says so.
        if ((await c.store.models.list({ kind: RECOMMEND_MODEL_KIND })).length === 0) {
          await jobs.queue.enqueue(RECOMMEND_TRAIN_JOB, {});
          log('training recommendations in the background (popular items are served until it is ready)');
        }
        if (opts.demo) {
          // Models train in the background through the job queue (the API is already up) and retrain daily.
          stopTraining = scheduleTraining(jobs.queue, {
            onError: (err) => log(`model training could not be queued: ${(err as Error).message}`),
          });
          log('training churn, propensity and CLV models in the background (then daily)');
          const stopSegments = scheduleSegments(jobs.queue, {
            onError: (err) => log(`segment training could not be queued: ${(err as Error).message}`),
          });
          const stopModels = stopTraining;
          stopTraining = () => {
            stopModels();
            stopSegments();
          };
          log('training segments, RFM segments and tags in the background (then daily)');
        }
      }),
    );
}
