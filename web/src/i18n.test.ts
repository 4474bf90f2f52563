import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import zhCN from './locales/zh-CN';

const flatten = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flatten(v as object, `${prefix}${k}.`),
  );

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });

const here = new URL('.', import.meta.url).pathname;
const enKeys = new Set(flatten(en));

describe('i18n catalogues', () => {
  it('zh-CN has exactly the English keys, none empty', () => {
    expect(flatten(zhCN).sort()).toEqual([...enKeys].sort());
    for (const key of flatten(zhCN)) {
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zhCN);
      expect(value, key).not.toBe('');
    }
  });

  it('every t() key used in the sources exists in the catalogue', () => {
    const missing: string[] = [];
    for (const file of sources(here)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)) {
        const key = m[1]!;
        if (!enKeys.has(key) && !enKeys.has(`${key}_other`)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds a missing key (the check can fail)', () => {
    expect(enKeys.has('overview.doesNotExist')).toBe(false);
  });

  it('no hard-coded UI text in JSX: text nodes and labelling attributes go through t()', () => {
    const offenders: string[] = [];
    // Text between tags that contains a letter (Latin or CJK) and is not inside {…}.
    const textNode = />\s*([^<>{}]*[A-Za-z\u4e00-\u9fff][^<>{}]*?)(\s*)<(.)/g;
    const attr = /\b(aria-label|placeholder|title|alt)="([^"]*[A-Za-z\u4e00-\u9fff][^"]*)"/g;
    // Sample values in inputs, not prose: key prefixes and the mapping name are the same in every language.
    const allowed = new Set(['osp_adm_…', 'online-retail']);
    for (const file of sources(here).filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(textNode)) {
        // Skip TypeScript generics and comparisons that look like tags (e.g. `useState<string | null>(`).
        const s = m[1]!.trim();
        if (/[=;()]|=>|&&/.test(s) || /^[\w.]+\.\w+$/.test(s)) continue;
        // A generic call such as `api<{ members: Member[] }>(` is code, not text.
        if (m[2] === '' && /\w$/.test(s) && /[{A-Z]/.test(m[3]!)) continue;
        offenders.push(`${file}: ${s}`);
      }
      for (const m of text.matchAll(attr))
        if (!allowed.has(m[2]!)) offenders.push(`${file}: ${m[1]}="${m[2]}"`);
    }
    expect(offenders).toEqual([]);
  });
});
