import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockStatus } from '../../shared/clock.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// `npm start`'s replay as a user meets it: the console shows the simulated date and speed; an operator
// pauses the replay and sets another speed, and a second (anonymous) console follows without reload.

describe('the replay clock (npm start entry + built client + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` first');
    server = await startServer({ SIM_SPEED: '1440', LOG_LEVEL: 'warn' }, 90_000, 'dist/start-demo.mjs');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const clock = async (): Promise<ClockStatus> => ClockStatus.parse(await (await fetch(`${server.baseUrl}/api/v1/clock`)).json());
  async function open(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(server.baseUrl);
    return page;
  }

  it('shows the replayed date of Q1 2022, marked simulated, and lets an operator pause and change speed', async () => {
    await expect.poll(async () => (await clock()).simulated, { timeout: 60_000 }).toBe(true);
    const operator = await open();
    const board = await open();
    await expect.poll(() => operator.getByTestId('as-of').textContent(), { timeout: 15_000 }).toMatch(/\/0[1-3]\/2022/);
    expect(await board.getByTestId('clock-speed').textContent()).toContain('1 ngày/phút');
    expect(await board.getByTestId('clock-control').count()).toBe(0); // only operators steer the replay

    await operator.getByTestId('sign-in').click();
    await operator.locator('input[name="username"]').fill('sct.vanhanh');
    await operator.locator('input[name="password"]').fill('demo-operator-2022');
    await operator.getByTestId('sign-in-submit').click();
    await operator.getByTestId('clock-pause').click();
    await expect.poll(async () => (await clock()).paused, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => board.getByTestId('clock-speed').textContent(), { timeout: 5_000 }).toContain('Tạm dừng');
    const frozen = await board.getByTestId('as-of').textContent();
    await board.waitForTimeout(1_500);
    expect(await board.getByTestId('as-of').textContent()).toBe(frozen);

    await operator.getByTestId('clock-speed-3600').click();
    await expect.poll(async () => (await clock()).speed, { timeout: 10_000 }).toBe(3600);
    await expect.poll(() => board.getByTestId('clock-speed').textContent(), { timeout: 5_000 }).toContain('3.600');
  }, 120_000);
});
