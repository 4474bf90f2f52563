/**
 * Feature-matrix benchmark (issue 4): N users with E events each on SQLite, generated straight into the
 * store file with one prepared statement (no ingestion path: this measures features, not ingest), then
 * `buildFeatureMatrix` as of the last day. Reports seconds for generation and for features, and the
 * peak RSS of the feature step (getrusage maxrss, which covers the whole process).
 * Run: npm run bench:features [-- --users 1000000 --events-per-user 20 --dir /tmp/osprey-bench-features]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildFeatureMatrix, resolveFeatureSpec } from '../src/features/index.js';
import { Rng } from '../src/ml/random.js';
import { openStore } from '../src/store/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const users = arg('users', 1_000_000);
const perUser = arg('events-per-user', 20);
const dirIndex = process.argv.indexOf('--dir');
const dir = dirIndex > 0 ? process.argv[dirIndex + 1] : '/tmp/osprey-bench-features';
const keep = process.argv.includes('--keep');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23);
const NAMES = [
  ['page', 0.35],
  ['Product Viewed', 0.3],
  ['Product Added', 0.1],
  ['Order Completed', 0.08],
  ['Email Opened', 0.1],
  ['Email Link Clicked', 0.04],
  ['Products Searched', 0.03],
] as const;
const CATEGORIES = [
  'tea',
  'skincare',
  'clothing',
  'shoes',
  'electronics',
  'home',
  'books',
  'toys',
  'sports',
  'snacks',
];

const path = join(dir, 'osprey.db');
const fresh = !existsSync(path);
if (fresh) {
  mkdirSync(dir, { recursive: true });
  const s = await openStore(`sqlite:${path}`);
  await s.close();
  const t0 = Date.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rng = new Rng(42);
  const insProfile = db.prepare(
    `insert into profiles (profile_id, user_id, traits, pii, consent, created_at, updated_at) values (?, ?, ?, '{}', '{}', ?, ?)`,
  );
  const insEvent = db.prepare(
    `insert into events (source, message_id, type, name, user_id, anonymous_id, profile_id, properties, context, "timestamp", received_at)
     values ('bench', ?, ?, ?, ?, null, ?, ?, '{}', ?, ?)`,
  );
  const countries = ['CN', 'US', 'GB', 'DE', 'FR', 'JP'];
  const batch = db.transaction((from: number, to: number) => {
    for (let u = from; u < to; u++) {
      const userId = `u${u}`;
      insProfile.run(
        u + 1,
        userId,
        JSON.stringify({ age: 18 + rng.int(60), country: countries[rng.int(6)] }),
        NOW,
        NOW,
      );
      const start = NOW - 365 * DAY * rng.next();
      for (let k = 0; k < perUser; k++) {
        const at = Math.floor(start + (NOW - start) * rng.next());
        let x = rng.next();
        let name: string = NAMES[0][0];
        for (const [n, p] of NAMES) {
          if (x < p) {
            name = n;
            break;
          }
          x -= p;
        }
        let props = '{}';
        if (name === 'Order Completed') {
          const lines = 1 + rng.int(3);
          const products = Array.from({ length: lines }, () => ({
            product_id: `p${rng.int(5000)}`,
            category: CATEGORIES[rng.int(10)],
            price: Math.round(rng.next() * 10000) / 100,
            quantity: 1 + rng.int(2),
          }));
          const revenue = products.reduce((s, p) => s + p.price * p.quantity, 0);
          props = JSON.stringify({ revenue, discount: rng.next() < 0.2 ? 5 : 0, products });
        }
        insEvent.run(
          `${u}-${k}`,
          name === 'page' ? 'page' : 'track',
          name === 'page' ? null : name,
          userId,
          u + 1,
          props,
          at,
          at,
        );
      }
    }
  });
  const step = 10_000;
  for (let u = 0; u < users; u += step) {
    batch(u, Math.min(users, u + step));
    if ((u / step) % 10 === 0) process.stderr.write(`generated ${u + step} users\n`);
  }
  db.close();
  console.log(
    JSON.stringify({ step: 'generate', users, events: users * perUser, seconds: (Date.now() - t0) / 1000 }),
  );
}

const store = await openStore(`sqlite:${path}`);
const t1 = Date.now();
const spec = await resolveFeatureSpec(store, NOW);
const specSeconds = (Date.now() - t1) / 1000;
const t2 = Date.now();
const m = await buildFeatureMatrix({
  store,
  asOf: NOW,
  spec,
  onProgress: (f, msg) => {
    if (Math.round(f * 100) % 10 === 0) process.stderr.write(`${Math.round(f * 100)}% ${msg ?? ''}\n`);
  },
});
const seconds = (Date.now() - t2) / 1000;
await store.close();
console.log(
  JSON.stringify({
    step: 'features',
    users: m.rows,
    columns: m.cols,
    specSeconds,
    seconds,
    usersPerSecond: Math.round(m.rows / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    matrixMb: Math.round(m.data.byteLength / 1e6),
  }),
);
if (!keep) rmSync(dir, { recursive: true, force: true });
