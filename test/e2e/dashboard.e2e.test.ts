/**
 * End to end: a real `osprey serve` on a small demo shop, driven by Debian's Chromium through
 * playwright-core. Saves a screenshot of every page in both languages under e2e/screenshots/.
 * Skips with a reason when Chromium is missing, except under CI=true where that is a failure.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.OSPREY_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'e2e', 'screenshots');
const DEMO_USERS = 300;

function chromiumUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return reason;
}

const skip = chromiumUnavailable();
if (skip) console.warn(`skipping dashboard e2e: ${skip}`);

const osprey = (args: string[], env: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, [join(ROOT, 'bin', 'osprey.js'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe.skipIf(skip !== null)('dashboard in Chromium', () => {
  let server: ChildProcess;
  let browser: BrowserContext;
  let page: Page;
  let base = '';
  let adminKey = '';
  let dataDir = '';
  let profileDir = '';

  beforeAll(async () => {
    // A fresh clone has no web/dist: the same step `npm start` runs.
    execFileSync(process.execPath, [join(ROOT, 'web', 'build-if-missing.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'osprey-e2e-'));
    profileDir = mkdtempSync(join(tmpdir(), 'osprey-e2e-chromium-'));
    const env: NodeJS.ProcessEnv = { ...process.env, OSPREY_HOME: dataDir, OSPREY_PORT: '0' };
    delete env.OSPREY_DATABASE_URL;
    delete env.OSPREY_REDIS_URL;
    adminKey = JSON.parse(osprey(['keys', 'create', '--role', 'admin', '--json'], env)).key;
    osprey(['demo-data', '--users', String(DEMO_USERS), '--json'], env);
    server = spawn(process.execPath, [join(ROOT, 'bin', 'osprey.js'), 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 90_000);
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Osprey is running at (http:\/\/localhost:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
      server.stderr!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      server.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)));
    });
    // A fresh profile per run (Playwright takes the user-data-dir as this argument, not as a flag).
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  // A string, not a function: the root tsconfig has no DOM types.
  const noSpinner = () => page.waitForFunction(`document.querySelectorAll('.spinner').length === 0`);

  it('refuses a wrong key with a clear message, then signs in', async () => {
    await page.goto(base);
    await page.getByLabel('Admin API key').fill('osp_adm_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That key is not valid');
    await shot('sign-in-en');
    await page.getByLabel('Admin API key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  const pages = [
    { path: '/', en: 'Overview', zh: '概览', name: 'overview' },
    { path: '/customers', en: 'Customers', zh: '客户', name: 'customers' },
    { path: '/segments', en: 'Segments', zh: '分群', name: 'segments' },
    { path: '/models', en: 'Models', zh: '模型', name: 'models' },
    { path: '/recommendations', en: 'Recommendations', zh: '推荐', name: 'recommendations' },
    { path: '/data', en: 'Data', zh: '数据', name: 'data' },
  ];

  it('opens every page in English with real figures', async () => {
    for (const p of pages) {
      await page.getByRole('navigation').getByRole('link', { name: p.en, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: p.en }).waitFor();
      await noSpinner();
      await page.waitForTimeout(400); // let charts finish their entry animation
      await shot(`${p.name}-en`);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await noSpinner();
    // The demo shop has users: the Users KPI is a positive number, not an empty state.
    const users = await page
      .locator('.kpi', { hasText: 'Users' })
      .first()
      .locator('.kpi-value')
      .textContent();
    expect(Number((users ?? '').replace(/[^\d]/g, ''))).toBeGreaterThan(0);
  });

  it('opens a customer profile with traits masked until revealed', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('user-1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'user-1', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Timeline (latest 50 events)' }).waitFor();
    await noSpinner();
    expect(await page.locator('.traits').first().textContent()).not.toContain('@example.com');
    await page.getByLabel('Reveal personal data').check();
    await expect.poll(() => page.locator('.traits').first().textContent()).toContain('@example.com');
    await shot('customer-profile-en');
  });

  it('switches to Chinese and back, every page translated', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    for (const p of pages) {
      await page.getByRole('navigation').getByRole('link', { name: p.zh, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: p.zh }).waitFor();
      await noSpinner();
      await page.waitForTimeout(400);
      await shot(`${p.name}-zh`);
    }
    await page.goto(`${base}/customers/user-1`);
    await page.getByRole('heading', { level: 2, name: '时间线（最近 50 个事件）' }).waitFor();
    await noSpinner();
    await shot('customer-profile-zh');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
  });

  it('retrains a model with a progress indicator and shows its curves', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Models' }).click();
    await page.getByRole('tab', { name: 'Churn' }).click();
    await page.getByRole('button', { name: 'Retrain Churn' }).click();
    // The job either finishes (done) or fails with the trainer's reason in words; both end the wait.
    const status = page.locator('.train-status');
    await expect.poll(() => status.textContent(), { timeout: 180_000 }).toMatch(/done|failed/);
    expect(await status.textContent()).toContain('done');
    await page.getByRole('heading', { level: 2, name: 'ROC curve' }).waitFor();
    await noSpinner();
    await page.waitForTimeout(600);
    await shot('models-trained-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 2, name: 'ROC 曲线' }).waitFor();
    await page.waitForTimeout(600);
    await shot('models-trained-zh');
    await page.getByLabel('语言').selectOption('en');
    // The freshly scored churn probability, with its reasons, on a customer profile.
    await page.goto(`${base}/customers/user-1`);
    const prediction = page.locator('.prediction', { hasText: 'Churn' });
    await expect.poll(() => prediction.textContent(), { timeout: 30_000 }).toMatch(/Churn\s*\d+(\.\d+)?%/);
    expect(await prediction.locator('li').count()).toBeGreaterThan(0);
    await shot('customer-profile-scored-en');
  }, 240_000);

  it('trains segments, then builds a rule segment with a live count and saves it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('button', { name: 'Train segments' }).click();
    const status = page.locator('.train-segments');
    await expect.poll(() => status.textContent(), { timeout: 180_000 }).toMatch(/done|failed/);
    expect(await status.textContent()).toContain('done');
    await page.getByRole('heading', { level: 2, name: 'Clusters (2-D projection)' }).waitFor();
    // The default condition (country equals DE) is previewed live; an 'or' with CN can only grow it.
    const count = page.getByTestId('rule-count');
    await expect.poll(async () => /^\d[\d,]*$/.test((await count.textContent()) ?? '')).toBe(true);
    const de = Number((await count.textContent())!.replace(/,/g, ''));
    await page.getByLabel('Match').first().selectOption('or');
    await page.getByRole('button', { name: '+ Trait' }).first().click();
    await page.getByLabel('Value').nth(1).fill('CN');
    await expect
      .poll(async () => Number(((await count.textContent()) ?? '').replace(/[^\d]/g, '') || -1))
      .toBeGreaterThanOrEqual(de);
    expect(await page.locator('#rule-json').textContent()).toContain('"or"');
    const both = Number((await count.textContent())!.replace(/,/g, ''));
    expect(both).toBeGreaterThan(0);
    await page.getByLabel('Segment name').fill('Germany or China');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { level: 2, name: 'Members of Germany or China' }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('button', { name: 'Germany or China' }) });
    expect((await row.locator('td.num').textContent())?.replace(/,/g, '')).toBe(String(both));
    await noSpinner();
    await page.waitForTimeout(600);
    await shot('segments-trained-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 2, name: '聚类（二维投影）' }).waitFor();
    await page.waitForTimeout(600);
    await shot('segments-trained-zh');
    await page.getByLabel('语言').selectOption('en');
  }, 240_000);

  it('creates and revokes an API key on the Data page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Data' }).click();
    await page.getByLabel('Label').fill('e2e write key');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('osp_');
    await page.getByRole('cell', { name: 'e2e write key' }).waitFor();
  });
});
