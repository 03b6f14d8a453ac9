import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../shared/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// People at work, in the real built console against the real server: an operator issues a notice the
// public board shows live; a customs officer confirms a truck off the worklist; an enterprise sees only its own.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const credentials: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8'));

function field(path: readonly string[]): string {
  let value: unknown = credentials;
  for (const key of path) value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof value !== 'string') throw new Error(`fixtures/demo-credentials.json has no ${path.join('.')}`);
  return value;
}
const passwordOf = (username: string): string => {
  const users = typeof credentials === 'object' && credentials !== null ? Reflect.get(credentials, 'users') : undefined;
  const user: unknown = Array.isArray(users) ? users.find((u: unknown) => typeof u === 'object' && u !== null && Reflect.get(u, 'username') === username) : undefined;
  const password: unknown = typeof user === 'object' && user !== null ? Reflect.get(user, 'password') : undefined;
  if (typeof password !== 'string') throw new Error(`no demo user ${username}`);
  return password;
};

const nowInVietnam = (offsetMs = 0) => new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

describe('people at work (built client + real server + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let seq = 0;

  async function openPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByTestId('gate-panel-tan-thanh').waitFor();
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByTestId('sign-in').click();
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(passwordOf(username));
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('session-user').waitFor();
  }

  async function seedTruck(o: { plate: string; taxCode: string; name: string; gateId?: string }): Promise<string> {
    const gateId = o.gateId ?? 'tan-thanh';
    const declarationId = `e2e-people-${process.pid}-${++seq}`;
    const events = [
      {
        eventId: `${declarationId}-declared`,
        type: 'declared',
        declarationId,
        gateId,
        occurredAt: nowInVietnam(-20 * 60_000),
        direction: 'export',
        vehicle: { plate: o.plate, country: 'VN' },
        enterprise: { taxCode: o.taxCode, name: o.name },
        cargo: { description: 'Thanh long ruột đỏ', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_500, localGoods: false },
      },
      { eventId: `${declarationId}-arrived`, type: 'arrived', declarationId, gateId, occurredAt: nowInVietnam(-10 * 60_000) },
    ];
    const response = await fetch(`${server.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${field(['gateKeys', gateId])}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [] });
    return declarationId;
  }

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('an operator issues a notice for Tân Thanh fresh fruit; the public board shows "hạn chế tiếp nhận" live', async () => {
    const board = await openPage();
    expect(await board.getByTestId('gate-status-tan-thanh').innerText()).toBe('Đang tiếp nhận');
    await expect.poll(() => board.getByTestId('connection-status').innerText()).toBe('Trực tuyến');

    const operator = await openPage();
    await signIn(operator, 'sct.vanhanh');
    expect(await operator.getByTestId('session-role').innerText()).toBe('Sở Công Thương');
    await operator.getByTestId('compose-tan-thanh').click();
    const composer = operator.getByTestId('notice-composer');
    await composer.waitFor();
    expect(await composer.getByTestId('category-fresh_fruit').isChecked()).toBe(true);
    expect(await composer.locator('input[name="direction"][value="export"]').isChecked()).toBe(true);
    await composer.locator('textarea[name="reasonVi"]').fill('Phía Trung Quốc hạn chế thông quan hoa quả tươi');
    await composer.locator('textarea[name="reasonEn"]').fill('The Chinese side limits fresh fruit clearance');
    expect(await composer.getByTestId('notice-preview').innerText()).toContain('Phía Trung Quốc hạn chế thông quan hoa quả tươi');
    await composer.getByTestId('notice-submit').click();
    await composer.waitFor({ state: 'detached' });

    // The anonymous board, in another browser context, without reload.
    await expect.poll(() => board.getByTestId('gate-status-tan-thanh').innerText(), { timeout: 5_000 }).toBe('Hạn chế tiếp nhận');
    await expect.poll(() => board.getByTestId('gate-marker-tan-thanh').getAttribute('data-status')).toBe('restricted');
    await board.getByTestId('tab-notices').click();
    const notices = (await board.getByTestId('notice-list').textContent()) ?? '';
    expect(notices).toContain('Sở Công Thương tỉnh Lạng Sơn');
    expect(notices).toContain('Hoa quả tươi');
    expect(notices).toContain('Phía Trung Quốc hạn chế thông quan hoa quả tươi');
    // Anonymous: no operator tabs, no sign of who did it.
    expect(await board.getByTestId('tab-audit').count()).toBe(0);
  });

  it('a customs officer at Tân Thanh confirms a truck from the worklist and it leaves the list', async () => {
    const declarationId = await seedTruck({ plate: '12C-555.66', taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh' });
    const page = await openPage();
    await signIn(page, 'hq.tanthanh');
    expect(await page.getByTestId('session-role').innerText()).toContain('Hải quan');
    await page.getByTestId('worklist').waitFor();
    await page.getByTestId('worklist-search').fill('12c 555');
    const row = page.getByTestId(`worklist-row-${declarationId}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('12C-555.66');
    await row.click();
    const dialog = page.getByTestId('truck-dialog');
    await dialog.getByTestId(`declaration-${declarationId}`).waitFor();
    expect(await dialog.getByTestId('check-customs').innerText()).toContain('Chưa kiểm tra');
    // Rejecting needs a note.
    await dialog.getByTestId('check-reject').click();
    expect(await dialog.getByTestId('check-error').innerText()).toBe('Nhập lý do khi từ chối.');
    await dialog.getByTestId('check-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached', timeout: 5_000 });
    // The server agrees: the check is recorded.
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hq.tanthanh', password: passwordOf('hq.tanthanh') }),
    });
    const { token } = LoginResponse.parse(await login.json());
    const view = await fetch(`${server.baseUrl}/api/v1/declarations/${declarationId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await view.json()).toMatchObject({ checks: [{ force: 'customs', result: 'confirmed' }] });
  });

  it('an enterprise sees its own truck and not another enterprise’s', async () => {
    await seedTruck({ plate: '12C-777.01', taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh' });
    await seedTruck({ plate: '29H-888.02', taxCode: '0109876543-001', name: 'Công ty CP Vận tải Bắc Trung' });
    const page = await openPage();
    await signIn(page, 'dn.hoaquaxanh');
    expect(await page.getByTestId('session-role').innerText()).toBe('Doanh nghiệp · MST 4900123456');
    const mine = page.getByTestId('my-trucks');
    await mine.getByTestId('my-truck-12C-777.01').waitFor();
    const text = await mine.innerText();
    expect(text).toContain('Đang chờ trong bãi');
    expect(text).not.toContain('29H-888.02');
    expect(text).not.toContain('Bắc Trung');
    expect(await page.getByTestId('tab-worklist').count()).toBe(0);
  });
});
