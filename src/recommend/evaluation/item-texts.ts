import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Item texts for content-based recommendation from MovieLens' u.item (pipe-separated, ISO-8859-1:
 * id|title|release date|video date|url|19 genre flags) and u.genre, found beside u.data.
 * Returns one "title genre genre…" text per item id (index-aligned with `itemIds`), or undefined when
 * u.item is not there.
 */
export function readMovieLensItemTexts(dataFile: string, itemIds: readonly string[]): string[] | undefined {
  const dir = dirname(dataFile);
  const itemFile = join(dir, 'u.item');
  if (!existsSync(itemFile)) return undefined;
  const genreFile = join(dir, 'u.genre');
  const genres: string[] = [];
  if (existsSync(genreFile)) {
    for (const line of readFileSync(genreFile, 'latin1').split('\n')) {
      const [name, idx] = line.trim().split('|');
      if (name && idx !== undefined) genres[Number(idx)] = name;
    }
  }
  const byId = new Map<string, string>();
  for (const line of readFileSync(itemFile, 'latin1').split('\n')) {
    const f = line.split('|');
    if (f.length < 5) continue;
    const flags = f.slice(5);
    const names = flags.flatMap((v, g) => (v.trim() === '1' && genres[g] ? [genres[g]] : []));
    // "Toy Story (1995)" → title words; the year is dropped (it is not content)
    byId.set(f[0], `${f[1].replace(/\(\d{4}\)\s*$/, '')} ${names.join(' ')}`.trim());
  }
  return itemIds.map((id) => byId.get(id) ?? '');
}
