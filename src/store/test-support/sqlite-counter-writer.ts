/**
 * Child process for the multi-process SQLite test: increments a counter in `meta` N times, each time in
 * a transaction that reads before it writes (the shape of an ingest batch). Usage: <db path> <n>.
 */
import { openStore } from '../open-store.js';

const [path, n] = process.argv.slice(2);
const store = await openStore(`sqlite:${path}`);
try {
  for (let i = 0; i < Number(n); i++) {
    await store.transaction(async (tx) => {
      const current = Number((await tx.meta.get('counter')) ?? '0');
      await new Promise((r) => setTimeout(r, 2));
      await tx.meta.set('counter', String(current + 1));
    });
  }
} finally {
  await store.close();
}
