import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { consolePages, passwordOf, tokenOf } from '../helpers/console-page.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// A session the server ends is never a silent drop to the public board: the console says so, offers to
// sign in again in place with the name filled in, and comes back to the screen the user was on.

describe('an ended session (built client + real server + Chromium)', () => {
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

  it('shows the message and signs in again in place, back on the same tab', async () => {
    const page = await pages.open({ width: 390, height: 844 });
    await pages.signIn(page, 'hq.tanthanh');
    await page.getByTestId('tab-notices').click();
    // The operator ends every session of this user (as `npm run user -- revoke` would).
    const operator = await tokenOf(server.baseUrl, 'sct.vanhanh');
    const revoked = await fetch(`${server.baseUrl}/api/v1/users/hq.tanthanh/revoke-sessions`, { method: 'POST', headers: { authorization: `Bearer ${operator}` } });
    expect(revoked.status).toBeLessThan(300);
    await page.getByTestId('session-ended').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('session-ended').innerText()).toContain('hết hạn');
    await page.getByTestId('sign-in').click();
    expect(await page.locator('input[name="username"]').inputValue()).toBe('hq.tanthanh');
    await page.locator('input[name="password"]').fill(passwordOf('hq.tanthanh'));
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('session-user').waitFor();
    expect(await page.getByTestId('session-ended').count()).toBe(0);
    expect(await page.getByTestId('tab-notices').getAttribute('aria-selected')).toBe('true');
  });
});
