import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { consolePages } from '../helpers/console-page.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// The server going away and coming back: the console says it is reconnecting, freezes the clock and greys
// every figure (map markers too), then is live again on its own.

describe('an outage (built client + real server + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;
  const pages = consolePages(() => browser, () => server.baseUrl);

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the browser tests');
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await pages.close();
    await browser?.close();
    await server?.stop();
  });

  it('freezes the clock and greys the map while the server is away, and is live again when it returns', async () => {
    const page = await pages.open({ width: 1440, height: 900 });
    const status = page.getByTestId('connection-status');
    await expect.poll(() => status.innerText()).toBe('Trực tuyến');
    const port = server.port;
    await server.stop();
    await expect.poll(() => page.locator('.app').getAttribute('data-stale'), { timeout: 10_000 }).toBe('true');
    expect(await status.innerText()).not.toBe('Trực tuyến');
    const clock = page.getByTestId('as-of');
    const frozen = await clock.innerText();
    await page.waitForTimeout(2_200);
    expect(await clock.innerText()).toBe(frozen); // wall-clock seconds would have moved
    server = await startServer({ PORT: String(port) });
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe('Trực tuyến');
    expect(await page.locator('.app').getAttribute('data-stale')).toBe('false');
  });
});
