import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { openTab } from '../helpers/console-page.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// The true Q1 2022 story in the real built console: the generated quarter is replayed into the real
// server; an operator reads 14,5 % of plan and "giảm 5,9 %" off the trade panel, and Tân Thanh's
// history shows the stop-receiving notices as shaded spans. The server clock here is wall time, so
// the periods are typed in (custom from/to), not taken from the defaults.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const OPERATOR = { username: 'sct.vanhanh', password: operatorPassword() };
const SCREENSHOTS = process.env.SCREENSHOT_DIR;

function operatorPassword(): string {
  const credentials: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8'));
  const users: unknown = typeof credentials === 'object' && credentials !== null ? Reflect.get(credentials, 'users') : undefined;
  const user: unknown = Array.isArray(users) ? users.find((u: unknown) => typeof u === 'object' && u !== null && Reflect.get(u, 'username') === 'sct.vanhanh') : undefined;
  const password: unknown = typeof user === 'object' && user !== null ? Reflect.get(user, 'password') : undefined;
  if (typeof password !== 'string') throw new Error('fixtures/demo-credentials.json has no sct.vanhanh');
  return password;
}

/** Runs a repo script as a child process; rejects with its output on a non-zero exit or after `timeoutMs`. */
function run(args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
    child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

async function choosePeriod(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('period-custom').click();
  await page.getByTestId('period-from').fill(from);
  await page.getByTestId('period-to').fill(to);
  await page.getByTestId('period-apply').click();
}

describe('the Q1 2022 story (built client + real server + replayed quarter + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;
  let work: string;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('dist/client is missing: run `npm run build` before the browser tests');
    work = mkdtempSync(join(tmpdir(), 'cks-q1-'));
    server = await startServer();
    const ndjson = join(work, 'q1.ndjson');
    await run(['scripts/scenario.ts', '--out', ndjson], 60_000);
    await run(['scripts/replay.ts', ndjson, '--url', server.baseUrl, '--notices', join(work, 'q1.notices.json')], 60_000);
    browser = await launchBrowser();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function operatorPage(viewport: { width: number; height: number }): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByTestId('gate-panel-tan-thanh').waitFor();
    await page.getByTestId('sign-in').click();
    await page.locator('input[name="username"]').fill(OPERATOR.username);
    await page.locator('input[name="password"]').fill(OPERATOR.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('session-user').waitFor();
    return page;
  }

  it('the trade panel shows Q1 2022 at 14,5 % of plan, down 5,9 % on Q1 2021, and downloads a CSV', async () => {
    const page = await operatorPage({ width: 1366, height: 768 });
    await openTab(page, 'trade');
    await choosePeriod(page, '2022-01-01', '2022-03-31');
    await expect.poll(() => page.getByTestId('trade-period').textContent()).toContain('01/01/2022 – 31/03/2022');
    const percent = page.getByTestId('trade-percent-total');
    await expect.poll(() => percent.textContent(), { timeout: 10_000 }).toContain('14,5');
    expect(await percent.textContent()).toContain('14,5 %');
    const change = await page.getByTestId('trade-change-total').textContent();
    expect(change).toContain('giảm 5,9 %');
    expect(await page.getByTestId('trade-value-total').textContent()).toContain('triệu USD');
    await page.getByTestId('trade-by-gate').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trade-download').click()]);
    expect(download.suggestedFilename()).toBe('kim-ngach_2022-01-01_2022-03-31.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Tổng kim ngạch / Total');
    expect(csv.split('\r\n')[3]).toMatch(/^Đạt % kế hoạch \/ Percent of plan,2022-01-01\.\.2022-03-31,[\d.]+,[\d.]+,14\.5\d*,/);

    // English reads the same figures in its own words.
    await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.getByTestId('trade-change-total').textContent()).toContain('down 5.9%');
    expect(await percent.textContent()).toContain('14.5%');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'VI' }).click();
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'trade-1366.png') });
    await page.context().close();
  });

  it('an operator goes back to 12 Jan 2022 20:00 and sees that evening’s queues, marked as the past, then back to live', async () => {
    const page = await operatorPage({ width: 1440, height: 900 });
    const then = (await (await fetch(`${server.baseUrl}/api/v1/gates?asOf=${encodeURIComponent('2022-01-12T20:00:00+07:00')}`)).json()) as { gates: { id: string; queue: { export: number; import: number } }[] };
    const queueThen = (id: string): number => {
      const g = then.gates.find((x) => x.id === id);
      return g ? g.queue.export + g.queue.import : -1;
    };
    const shown = async (id: string): Promise<number> => Number(((await page.getByTestId(`queue-total-${id}`).innerText()) || '').replace(/\D/g, ''));
    await page.getByTestId('past-open').click();
    await page.getByTestId('past-at').fill('2022-01-12T20:00');
    await expect.poll(() => page.getByTestId('past-banner').innerText(), { timeout: 5_000 }).toContain('12/01/2022');
    for (const id of ['huu-nghi', 'tan-thanh', 'chi-ma']) await expect.poll(() => shown(id)).toBe(queueThen(id));
    // That evening's yards were full: more than 1,500 trucks waited (REAL-WORLD.md, 12 Jan 2022).
    expect(queueThen('huu-nghi') + queueThen('tan-thanh') + queueThen('chi-ma')).toBeGreaterThan(1_500);
    expect(await page.locator('.app--past').count()).toBe(1);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'past-1440.png') });
    await page.getByTestId('past-live').click();
    await page.getByTestId('past-banner').waitFor({ state: 'detached' });
    const live = (await (await fetch(`${server.baseUrl}/api/v1/gates`)).json()) as { gates: { id: string; queue: { export: number; import: number } }[] };
    const hn = live.gates.find((g) => g.id === 'huu-nghi');
    await expect.poll(() => shown('huu-nghi')).toBe((hn?.queue.export ?? 0) + (hn?.queue.import ?? 0));
    await page.context().close();
  });

  it('the daily bulletin of 11 Feb 2022 reads the same figures as the API and downloads as Excel', async () => {
    const page = await operatorPage({ width: 1440, height: 900 });
    const api = (await (await fetch(`${server.baseUrl}/api/v1/bulletin?date=2022-02-11`)).json()) as { total: { waiting: { export: number; import: number } } };
    await openTab(page, 'bulletin');
    await page.getByTestId('bulletin-date').fill('2022-02-11');
    const total = page.getByTestId('bulletin-total-export');
    await expect.poll(async () => Number(((await total.locator('td').nth(2).innerText()) || '').replace(/\D/g, ''))).toBe(api.total.waiting.export);
    expect(await page.getByTestId('bulletin-xlsx').getAttribute('href')).toBe('/api/v1/bulletin.xlsx?date=2022-02-11&lang=vi');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'bulletin-1440.png') });
    await page.context().close();
  });

  it('Tân Thanh’s history over Q1 2022 shades the stop-receiving notices in force', async () => {
    const page = await operatorPage({ width: 1366, height: 768 });
    await page.getByTestId('history-tan-thanh').click();
    await choosePeriod(page, '2022-01-01', '2022-03-31');
    const chart = page.getByTestId('history-chart-tan-thanh');
    await chart.waitFor();
    const spans = page.locator('[data-testid^="notice-span-"]');
    await expect.poll(() => spans.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The chart draws one shaded area per notice span (and labels it with the notice id).
    expect(await chart.locator('.recharts-reference-area').count()).toBeGreaterThanOrEqual(await spans.count());
    const firstId = ((await spans.first().getAttribute('data-testid')) ?? '').replace('notice-span-', '');
    expect(await chart.getByText(firstId, { exact: true }).count()).toBeGreaterThan(0);
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    // The queue chart and the cleared chart share one time axis: each day's tick stands at the same x in both.
    const tickXs = (index: number) =>
      chart.locator('.recharts-wrapper > svg').nth(index).locator('.recharts-xAxis-tick-labels text').evaluateAll((ticks) => ticks.map((t) => Math.round(t.getBoundingClientRect().x + t.getBoundingClientRect().width / 2)));
    const [upper, lower] = [await tickXs(0), await tickXs(1)];
    expect(upper.length).toBeGreaterThan(3);
    expect(lower).toEqual(upper);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'history-1366.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download').click()]);
    expect(download.suggestedFilename()).toBe('lich-su_tan-thanh_2022-01-01_2022-03-31_ngay.csv');
    expect(readFileSync(await download.path(), 'utf8').trim().split('\r\n')).toHaveLength(1 + 90);
    await page.context().close();
  });

  it('fits a phone (390×844): the trade figures and the history chart are readable without sideways scrolling', async () => {
    const page = await operatorPage({ width: 390, height: 844 });
    await openTab(page, 'trade');
    await choosePeriod(page, '2022-01-01', '2022-03-31');
    await expect.poll(() => page.getByTestId('trade-percent-total').textContent(), { timeout: 10_000 }).toContain('14,5');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    if (SCREENSHOTS) {
      await page.screenshot({ path: join(SCREENSHOTS, 'trade-390.png'), fullPage: true });
    }
    await openTab(page, 'history');
    await page.getByTestId('history-gate').selectOption('tan-thanh');
    await choosePeriod(page, '2022-01-01', '2022-03-31');
    await page.getByTestId('history-chart-tan-thanh').waitFor();
    await expect.poll(() => page.locator('[data-testid^="notice-span-"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'history-390.png'), fullPage: true });
    await page.context().close();
  });
});
