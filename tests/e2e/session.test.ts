import { describe, expect, it } from 'vitest';
import { consoleSuite, passwordOf, tokenOf } from '../helpers/console-page.ts';

// A session the server ends is never a silent drop to the public board: the console says so, offers to
// sign in again in place with the name filled in, and comes back to the screen the user was on.

describe('an ended session (built client + real server + Chromium)', () => {
  const suite = consoleSuite();
  const { pages } = suite;

  it('shows the message and signs in again in place, back on the same tab', async () => {
    const page = await pages.open({ width: 390, height: 844 });
    await pages.signIn(page, 'hq.tanthanh');
    await page.getByTestId('tab-notices').click();
    // The operator ends every session of this user (as `npm run user -- revoke` would).
    const operator = await tokenOf(suite.server.baseUrl, 'sct.vanhanh');
    const revoked = await fetch(`${suite.server.baseUrl}/api/v1/users/hq.tanthanh/revoke-sessions`, { method: 'POST', headers: { authorization: `Bearer ${operator}` } });
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
