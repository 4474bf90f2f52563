/**
 * `npm run bench:demo-shop [-- --users 2000,100000 --seed 42]`: how fast the demo shop generates
 * and whether memory stays flat as the population grows, plus the headline realism figures
 * (events per person, churn share, how much recency alone tells about churn).
 */
import { generateDemoShop } from '../src/ingest/demo-shop/index.js';

const DAY = 86_400_000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Area under the ROC curve (Mann–Whitney U, ties counted half). */
function auc(scores: number[], labels: boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]]) {
        positives++;
        rankSum += (i + j) / 2 + 1;
      }
    }
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * (order.length - positives));
}

const sizes = arg('users', '2000,20000,100000').split(',').map(Number);
const seed = Number(arg('seed', '42'));
const now = new Date(arg('now', '2026-11-23T12:00:00Z'));
console.log(`demo shop benchmark: seed ${seed}, now ${now.toISOString()}, node ${process.version}`);
for (const users of sizes) {
  const shop = generateDemoShop({ users, seed, now });
  let peakRss = process.memoryUsage().rss;
  let count = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const _ of shop.messages()) {
    if ((++count & 0x3fff) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  // CPU time as well as wall time: on a shared machine the wall clock includes other people's work.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Untimed second pass on small shops: payload size and each user's last purchase.
  const measureBytes = users <= 5000;
  let bytes = 0;
  const lastPurchase = new Map<string, number>();
  if (measureBytes) {
    for (const m of shop.messages()) {
      bytes += Buffer.byteLength(JSON.stringify(m));
      if (m.event === 'Order Completed') lastPurchase.set(m.userId as string, Date.parse(m.timestamp));
    }
  }
  const t1 = performance.now();
  let truthRows = 0;
  let churned = 0;
  const recency: number[] = [];
  const labels: boolean[] = [];
  for (const t of shop.truth()) {
    truthRows++;
    if (t.churned) churned++;
    if (measureBytes) {
      recency.push((now.getTime() - (lastPurchase.get(t.userId) ?? now.getTime() - 366 * DAY)) / DAY);
      labels.push(t.churned);
    }
  }
  const truthSeconds = (performance.now() - t1) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    [
      `users ${users}: ${count} messages (${(count / users).toFixed(1)}/person) in ${seconds.toFixed(2)} s`,
      `(CPU ${cpuSeconds.toFixed(2)} s) = ${Math.round(count / seconds)} messages/s`,
      `truth ${truthRows} rows in ${truthSeconds.toFixed(2)} s, churned ${((100 * churned) / truthRows).toFixed(1)}%`,
      measureBytes ? `mean JSON ${Math.round(bytes / count)} B` : '',
      measureBytes ? `AUC(days since last purchase → churned) ${auc(recency, labels).toFixed(3)}` : '',
      `peak RSS ${Math.round(peakRss / 1e6)} MB`,
    ]
      .filter(Boolean)
      .join(', '),
  );
}
