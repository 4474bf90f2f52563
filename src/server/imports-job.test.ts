import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../cli/runtime.js';
import { bearer, type Driver, postgresUnavailable, testServer } from './test-support.js';

const pgSkip = await postgresUnavailable();
if (pgSkip) console.warn(`skipping PostgreSQL import-job test: ${pgSkip}`);
const drivers: Driver[] = pgSkip ? ['sqlite'] : ['sqlite', 'postgres'];

// Five rows of the UCI Online Retail layout: two invoices, one anonymous, one bad-debt adjustment.
const CSV = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,,United Kingdom',
  'A563185,B,Adjust bad debt,1,8/12/2011 14:50,11062.06,,United Kingdom',
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom',
].join('\n');

/** POST /api/imports runs the real importer as a job on the store-backed queue; GET reports its accounting. */
describe.each(drivers)('import job over HTTP on %s', (driver) => {
  let t: Awaited<ReturnType<typeof testServer>>;
  let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
  beforeAll(async () => {
    t = await testServer(driver, {
      queue: async (deps) => {
        jobs = await startJobs({ ...deps, runWorker: true });
        return jobs.queue;
      },
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  it('uploads, runs and accounts for every row', async () => {
    const boundary = '----osprey-import';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="mapping"',
      '',
      'online-retail',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="retail.csv"',
      'Content-Type: text/csv',
      '',
      CSV,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: {
        authorization: bearer(t.adminKey),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    expect(r.statusCode, r.body).toBe(202);
    const id = r.json().id;
    let job = r.json();
    for (let i = 0; i < 200 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((d) => setTimeout(d, 100));
      job = (
        await t.app.inject({
          method: 'GET',
          url: `/api/imports/${id}`,
          headers: { authorization: bearer(t.adminKey) },
        })
      ).json();
    }
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.result).toMatchObject({ read: 5, accepted: 4, rejected: 1 });
    expect(job.result.rejections[0]).toMatchObject({ row: 4 });
    expect(await t.store.events.count({ name: 'Order Completed' })).toBe(3);
    // The uploaded file (customers' data) is deleted once imported.
    expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([]);
  });
});
