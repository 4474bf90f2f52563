import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readTabularCsv } from './tabular-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'osprey-csv-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('readTabularCsv', () => {
  it('reads a ;-separated, quoted file with a BOM and CRLF, typing columns', async () => {
    const p = file(
      'bank.csv',
      '\uFEFF"age";"job";"balance";"y"\r\n58;"management";2143;"no"\r\n44;"tech; ops";;"yes"\r\n33;"";-5.5e1;"no"\r\n',
    );
    const d = await readTabularCsv(p);
    expect(d.delimiter).toBe(';');
    expect(d.rows).toBe(3);
    expect(d.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['age', 'numeric', 0],
      ['job', 'categorical', 1],
      ['balance', 'numeric', 1],
      ['y', 'categorical', 0],
    ]);
    expect(d.columns[1].categories).toEqual(['management', 'tech; ops']);
    expect(Array.from(d.values)).toEqual([58, 0, 2143, 0, 44, 1, Number.NaN, 1, 33, Number.NaN, -55, 0]);
  });

  it('reads gzip by its magic bytes and , as delimiter', async () => {
    const p = file('retail.csv.gz', gzipSync('id,country,qty\n1,"UK, North",3\n2,FR,4\n'));
    const d = await readTabularCsv(p);
    expect(d.delimiter).toBe(',');
    expect(d.columns[1].categories).toEqual(['FR', 'UK, North']);
    expect(Array.from(d.values)).toEqual([1, 1, 3, 2, 0, 4]);
  });

  it('reports missing files, ragged rows and empty files as errors a user can act on', async () => {
    await expect(readTabularCsv(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readTabularCsv(file('ragged.csv', 'a,b\n1,2\n3\n'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(readTabularCsv(file('empty.csv', ''))).rejects.toThrow(/empty/);
  });

  it('detects the delimiter outside quotes', () => {
    expect(detectDelimiter('"a,b";"c";"d"')).toBe(';');
    expect(detectDelimiter('a,b,"c;d"')).toBe(',');
  });
});
