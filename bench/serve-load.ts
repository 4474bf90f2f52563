/**
 * The load process of `npm run bench:serve`: autocannon asks GET /api/users/:id/recommendations for random
 * users of the loaded store at a fixed overall rate and prints its result as one JSON line. Run by
 * bench/serve.ts in a separate process so the load generator does not share an event loop with the server.
 */
import autocannon from 'autocannon';

const [url, adminKey, secondsArg, rateArg, usersArg, connectionsArg] = process.argv.slice(2);
const users = JSON.parse(usersArg) as string[];
let n = 0;
const instance = autocannon({
  url,
  connections: Number(connectionsArg ?? 10),
  duration: Number(secondsArg ?? 10),
  overallRate: Number(rateArg ?? 1000),
  headers: { authorization: `Bearer ${adminKey}` },
  requests: [
    {
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        path: `/api/users/${encodeURIComponent(users[(n++ * 7919) % users.length])}/recommendations?n=10`,
      }),
    },
  ],
} as never);
instance.on('done', (r: autocannon.Result & { requests?: { average: number } }) => {
  process.stdout.write(
    `${JSON.stringify({
      seconds: r.duration,
      requests2xx: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      requestsPerSecond: r['2xx'] / r.duration,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    })}\n`,
  );
});
