import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { DemoShop } from './demo-shop.js';

/**
 * Writes the hidden ground truth as JSON lines (`demo-truth.jsonl` in the data folder), streaming
 * so that memory stays flat for large shops. The one I/O function of the demo shop.
 */
export async function writeTruthJsonl(shop: DemoShop, path: string): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  try {
    for (const t of shop.truth()) {
      if (!out.write(`${JSON.stringify(t)}\n`)) await Promise.race([once(out, 'drain'), failed]);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (err) {
    out.destroy();
    throw err;
  }
}
