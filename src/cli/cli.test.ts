import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/osprey.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the real `osprey` binary, as a user would, with a clean Osprey environment. */
function osprey(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OSPREY_')));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'osprey-cli-'));

/** With --json, stdout must be exactly one JSON document on one line. */
function onlyJson(r: Run): Record<string, unknown> {
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  expect(lines, r.stdout).toHaveLength(1);
  return JSON.parse(lines[0]);
}

describe('osprey CLI', () => {
  it('--help exits 0 and explains the verbs; usage errors exit 2 with one line', async () => {
    const help = await osprey(['--help']);
    expect(help.code).toBe(0);
    for (const verb of ['init', 'serve', 'worker', 'import', 'demo-data', 'keys', 'stats'])
      expect(help.stdout).toContain(verb);
    const unknown = await osprey(['frobnicate']);
    expect(unknown.code).toBe(2);
    const badRole = await osprey(['--data-dir', tempDir(), 'keys', 'create', '--role', 'root']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr.trim().split('\n')).toHaveLength(1);
    expect(badRole.stderr).toMatch(/--role must be write or admin/);
  });

  it('init, keys create/list/revoke and stats with --json against a temp --data-dir', async () => {
    const dir = tempDir();
    const init = await osprey(['--data-dir', dir, 'init', '--json']);
    expect(init.code, init.stderr).toBe(0);
    const i = onlyJson(init);
    expect(i).toMatchObject({ dataDir: dir, driver: 'sqlite' });
    expect((i.adminKey as { key: string }).key).toMatch(/^osp_adm_/);

    const created = await osprey(['--data-dir', dir, 'keys', 'create', '--role', 'write', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const k = onlyJson(created);
    expect(Object.keys(k).sort()).toEqual(['id', 'key', 'role']);
    expect(k.role).toBe('write');

    const list = await osprey(['--data-dir', dir, 'keys', 'list', '--json']);
    const keys = (onlyJson(list).keys as { id: string }[]).map((x) => x.id);
    expect(keys).toContain(k.id);
    expect(list.stdout).not.toContain(k.key as string);

    const revoke = await osprey(['--data-dir', dir, 'keys', 'revoke', k.id as string]);
    expect(revoke.code).toBe(0);
    const again = await osprey(['--data-dir', dir, 'keys', 'revoke', k.id as string]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);

    const stats = await osprey([
      '--data-dir',
      dir,
      'stats',
      '--json',
      '--from',
      '2020-01-01',
      '--to',
      '2020-02-01',
    ]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(onlyJson(stats)).toMatchObject({ users: 0, events: 0, from: '2020-01-01T00:00:00.000Z' });
    const badTime = await osprey(['--data-dir', dir, 'stats', '--from', 'soon']);
    expect(badTime.code).toBe(2);
  });

  it('serve starts the API at once, prints URL, docs, data folder and the first admin key, and stops on SIGINT', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OSPREY_'))),
        OSPREY_HOST: '127.0.0.1',
        OSPREY_LOG_LEVEL: 'warn',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const banner = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no banner: ${out}`)), 50_000);
      child.stdout.on('data', () => {
        if (/admin key\s+osp_adm_\S+/.test(out)) {
          clearTimeout(timer);
          done(out);
        }
      });
    });
    const url = /running at (http:\/\/\S+)/.exec(banner)![1];
    expect(banner).toContain(`${url}/docs`);
    expect(banner).toContain(dir);
    const key = /admin key\s+(osp_adm_\S+)/.exec(banner)![1];
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', driver: 'sqlite' });
    const keys = await fetch(`${url}/api/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(keys.status).toBe(200);
    const code = await new Promise<number | null>((done) => {
      child.on('close', done);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });

  it('a runtime error exits 1 with a one-line reason', async () => {
    const r = await osprey(['--data-dir', tempDir(), 'stats'], { OSPREY_DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/OSPREY_DATABASE_URL/);
    const missing = join(tempDir(), 'missing.csv');
    const imp = await osprey(['--data-dir', tempDir(), 'import', missing]);
    expect(imp.code).toBe(2);
  });
});
