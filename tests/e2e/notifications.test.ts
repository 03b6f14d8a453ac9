import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchBrowser } from '../helpers/browser.ts';
import { login } from '../helpers/people.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// An enterprise at its console (built client + real server + Chromium): the moment an operator issues a
// stop-receiving notice covering one of its trucks, the truck's card is flagged and a notification
// arrives (bell count, panel, in Vietnamese).

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const Credentials = z.object({ gateKeys: z.record(z.string(), z.string()), users: z.array(z.object({ username: z.string(), password: z.string() })) });
const credentials = Credentials.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8')));
const nowInVietnam = (offsetMs = 0) => new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

describe('notifications in the console (built client + real server + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, username: string): Promise<void> {
    const password = credentials.users.find((u) => u.username === username)?.password ?? '';
    await page.getByTestId('sign-in').click();
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('session-user').waitFor();
  }

  it('an enterprise sees its truck flagged and hears of it the moment a covering notice is issued', async () => {
    if (!browser) throw new Error('no browser');
    const declarationId = `e2e-notify-${process.pid}`;
    const events = [
      {
        eventId: `${declarationId}-declared`,
        type: 'declared',
        declarationId,
        gateId: 'chi-ma',
        occurredAt: nowInVietnam(-20 * 60_000),
        direction: 'export',
        vehicle: { plate: '12C-246.80', country: 'VN' },
        enterprise: { taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh' },
        cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_500, localGoods: false },
      },
      { eventId: `${declarationId}-arrived`, type: 'arrived', declarationId, gateId: 'chi-ma', occurredAt: nowInVietnam(-10 * 60_000) },
    ];
    const sent = await fetch(`${server.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.gateKeys['chi-ma'] ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(sent.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      await page.goto(server.baseUrl);
      await signIn(page, 'dn.hoaquaxanh');
      const card = page.getByTestId('my-truck-12C-246.80');
      await card.waitFor();
      expect(await page.getByTestId(`my-covered-${declarationId}`).count()).toBe(0);
      expect(await page.getByTestId('notification-count').count()).toBe(0);

      const operator = await login(server.baseUrl, 'sct.vanhanh', credentials.users.find((u) => u.username === 'sct.vanhanh')?.password);
      const issued = await fetch(`${server.baseUrl}/api/v1/notices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ gateIds: ['chi-ma'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: nowInVietnam(-60_000), reason: { vi: 'Tạm dừng tiếp nhận hoa quả tươi' } }),
      });
      expect(issued.status).toBe(201);
      const { id } = z.object({ id: z.string() }).parse(await issued.json());

      // No reload: the card is flagged and the bell counts one within moments.
      const flag = page.getByTestId(`my-covered-${declarationId}`);
      await flag.waitFor({ timeout: 5_000 });
      expect(await flag.innerText()).toContain(id);
      await expect.poll(() => page.getByTestId('notification-count').innerText(), { timeout: 5_000 }).toBe('1');
      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-panel').getByTestId('notification-notice_started');
      await item.waitFor();
      const text = await item.innerText();
      expect(text).toContain(id);
      expect(text).toContain('12C-246.80');
      expect(text).toContain('tạm dừng tiếp nhận');
      // Marking all read clears the count, and the server keeps it.
      await page.getByTestId('notification-read-all').click();
      await expect.poll(() => page.getByTestId('notification-count').count()).toBe(0);
      await page.reload();
      await page.getByTestId('notification-bell').waitFor();
      expect(await page.getByTestId('notification-count').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
