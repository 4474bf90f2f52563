import type { Command } from 'commander';
import { openContext } from '../context.js';
import { action, log } from '../output.js';
import { startJobs } from '../runtime.js';

/** `osprey worker`: run queued jobs (imports, later training) and nothing else; one per node at scale. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run background jobs only (imports, training); use with OSPREY_REDIS_URL to scale out')
    .addHelpText(
      'after',
      '\nWithout OSPREY_REDIS_URL the worker claims jobs from the store (with leases), so it can also run\nbeside `osprey serve` on one machine. Stop it with Ctrl-C; a job cut short is retried.\n',
    )
    .action(
      action(async (_opts: object, cmd: Command) => {
        const c = await openContext(cmd);
        const jobs = await startJobs({ ...c, runWorker: true });
        log(
          `worker running (${c.config.redisUrl ? 'BullMQ on Redis' : 'store-backed queue'}); Ctrl-C to stop`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        log(
          'stopping worker… (a running job is finished first; Ctrl-C again to abandon it, it will be retried)',
        );
        process.once('SIGINT', () => process.exit(130));
        await jobs.stop();
        await c.store.close();
        log('worker stopped');
        // Queue clients (ioredis) may keep idle sockets referenced; nothing is left to do, so leave now.
        process.exit(0);
      }),
    );
}
