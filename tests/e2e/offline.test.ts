import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchBrowser } from '../helpers/browser.ts';
import { seedTruck } from '../helpers/console-page.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// The console installed on a phone, and the border's mobile network dropping: the built console's service
// worker serves the shell with no network at all, and the console shows the last figures it saw, dated and
// greyed, until the network is back and the live figures replace them.

const Manifest = z.object({ name: z.string(), short_name: z.string(), start_url: z.string(), display: z.literal('standalone'), icons: z.array(z.object({ src: z.string(), sizes: z.string() })).min(2) });

describe('the console offline (built client + real server + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist/client/sw.js'))) throw new Error('dist/client/sw.js is missing: run `npm run build` before the browser tests');
    server = await startServer();
    for (let i = 0; i < 3; i++) await seedTruck(server.baseUrl, { declarationId: `e2e-off-${process.pid}-${i}`, gateId: 'tan-thanh', plate: `98C-400.0${i}`, arrivedMinutesAgo: 30 + i });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is installable: a manifest with its icons', async () => {
    const page = await browser?.newPage();
    if (!page) throw new Error('no browser');
    await page.goto(server.baseUrl);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const res = await fetch(new URL(href ?? '', server.baseUrl));
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = Manifest.parse(await res.json());
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, server.baseUrl))).status).toBe(200);
    await page.context().close();
  });

  it('with the network gone, the shell still opens and shows the last figures, dated; live again once it is back', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByTestId('gate-panel-tan-thanh').waitFor();
    // The service worker installs and takes the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 }).toBe(true);
    const queue = page.getByTestId('marker-queue-tan-thanh');
    await expect.poll(() => queue.textContent()).toBe('3');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('cks:last-figures') !== null), { timeout: 10_000 }).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('gate-panel-tan-thanh').waitFor();
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/Đang ngoại tuyến — số liệu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}|Đang ngoại tuyến — số liệu lúc \d{2}\/\d{2}\/\d{4}/);
    expect(await queue.textContent()).toBe('3');
    expect(await page.locator('.app').getAttribute('data-stale')).toBe('true');

    await context.setOffline(false);
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.locator('.app').getAttribute('data-stale')).toBe('false');
    await context.close();
  });
});
