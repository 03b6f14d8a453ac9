import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditResponse } from '../../shared/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { api, login, manualClock } from '../helpers/people.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { FORECAST_NOW, smallYardConfig, steadyYard } from '../helpers/forecast-yard.ts';
import { demoKeys, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Warn in time, in the real built console against the real server (Chromium): the forecast has Hữu Nghị's
// (small) yard full at 14:00; the operator sees the recommended notice, opens the composer filled in with one
// click, reads the what-if, and issues it — audited as issued as suggested.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const Credentials = z.object({ users: z.array(z.object({ username: z.string(), password: z.string() })) });
const password = (username: string): string =>
  Credentials.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8'))).users.find((u) => u.username === username)?.password ?? '';

const NOW = FORECAST_NOW;

describe('a recommended notice in the console (built client + real server + Chromium)', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    // Hữu Nghị's yard holds 60 here: the 50 waiting and the 20 on their way pass 90 % at 14:00.
    server = await startTestServer({ config: smallYardConfig(), clock: manualClock(NOW) });
    const res = await postEvents(server.url, demoKeys()['huu-nghi'], steadyYard().map((e) => JSON.stringify(e)).join('\n'));
    expect(res.status).toBe(200);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the operator sees it, opens the composer filled in with one click, sees the what-if and issues it as suggested', async () => {
    if (!browser || !server) throw new Error('not started');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      // Anyone reads the yard's outlook on the gate card.
      await expect.poll(() => page.getByTestId('yard-full-huu-nghi').innerText(), { timeout: 10_000 }).toContain('Bãi đầy sau ~6 giờ');
      expect(await page.getByTestId('lane-wait-huu-nghi-export-fresh-estimate').innerText()).toMatch(/^~2 ngày/);

      await page.getByTestId('sign-in').click();
      await page.locator('input[name="username"]').fill('sct.vanhanh');
      await page.locator('input[name="password"]').fill(password('sct.vanhanh'));
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('session-user').waitFor();
      await page.getByTestId('tab-alerts').click();

      const card = page.locator('[data-testid^="recommendation-"]').filter({ hasText: 'Đề xuất tạm dừng tiếp nhận' });
      await card.waitFor({ timeout: 15_000 });
      const text = await card.innerText();
      expect(text).toContain('Cửa khẩu quốc tế Hữu Nghị');
      expect(text).toContain('Bãi đầy lúc 14:00 10/02/2022');
      expect(text).toContain('xuất khẩu · Hoa quả tươi');

      // One click: the composer, filled in.
      await card.getByRole('button', { name: 'Mở soạn thảo' }).click();
      const composer = page.getByTestId('notice-composer');
      await composer.waitFor();
      expect(await composer.locator('input[name="from"]').inputValue()).toBe('11/02/2022 00:00');
      expect(await composer.getByTestId('category-fresh_fruit').isChecked()).toBe(true);
      expect(await composer.locator('input[name="direction"][value="export"]').isChecked()).toBe(true);
      expect(await composer.locator('textarea[name="reasonVi"]').inputValue()).toContain('bãi xe cửa khẩu quốc tế Hữu Nghị sẽ đạt 90% sức chứa lúc 14:00 10/02/2022');
      expect(await composer.locator('textarea[name="reasonEn"]').inputValue()).toContain('Receipt of fresh fruit for export is suspended');

      // The what-if: fewer trucks left when the notice ends with it than without.
      const summary = composer.getByTestId('what-if-summary-huu-nghi');
      await summary.waitFor({ timeout: 10_000 });
      const figures = /còn ([\d.]+) xe lúc hết hạn \(00:00 \d\d\/02\), không có: ([\d.]+)\./.exec(await summary.innerText());
      expect(figures, await summary.innerText()).not.toBeNull();
      const number = (s: string | undefined) => Number((s ?? '').replace(/\./g, ''));
      expect(number(figures?.[1])).toBeLessThan(number(figures?.[2]));
      await composer.locator('.what-if__chart svg').first().waitFor();

      await composer.getByTestId('notice-submit').click();
      await composer.waitFor({ state: 'detached' });
      await page.getByTestId('tab-notices').click();
      expect(await page.getByTestId('notice-list').innerText()).toContain('Theo dự báo hàng chờ');

      // The server recorded it as issued as suggested.
      const operator = await login(server.url, 'sct.vanhanh');
      const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=notice_issued', operator)).json);
      expect(audit.entries[0]?.detail).toMatchObject({ recommendation: { as: 'as_suggested' } });
    } finally {
      await context.close();
    }
  }, 60_000);
});
