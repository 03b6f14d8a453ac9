import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { LoginResponse } from '../../shared/index.ts';
import { launchBrowser } from './browser.ts';
import { REPO_ROOT, startServer, type ServerProcess } from './server-process.ts';

// The console in Chromium as a person uses it: open it, sign in with a demo user, seed trucks through the
// gate API (demo keys), act through the API as a user.

const credentials = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8')) as {
  gateKeys: Record<string, string>;
  users: { username: string; password: string }[];
};

export const passwordOf = (username: string): string => {
  const user = credentials.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.password;
};
export const gateKeyOf = (gateId: string): string => {
  const key = credentials.gateKeys[gateId];
  if (!key) throw new Error(`no demo key for ${gateId}`);
  return key;
};

/** Wall-clock time in Vietnam, `offsetMs` from now, as an ISO datetime with +07:00. */
export const vietnamTime = (offsetMs = 0): string => new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

export function consolePages(browser: () => Browser | undefined, baseUrl: () => string) {
  const contexts: BrowserContext[] = [];
  return {
    async open(viewport = { width: 1366, height: 768 }): Promise<Page> {
      const b = browser();
      if (!b) throw new Error('no browser');
      const context = await b.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(baseUrl());
      await page.getByTestId('gate-panel-tan-thanh').waitFor();
      return page;
    },
    async signIn(page: Page, username: string): Promise<void> {
      await page.getByTestId('sign-in').click();
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="password"]').fill(passwordOf(username));
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('session-user').waitFor();
    },
    async close(): Promise<void> {
      for (const c of contexts) await c.close();
    },
  };
}

export async function tokenOf(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: passwordOf(username) }) });
  return LoginResponse.parse(await res.json()).token;
}

export interface SeedTruck {
  declarationId: string;
  gateId: string;
  plate: string;
  category?: string;
  taxCode?: string;
  name?: string;
  /** Minutes ago it arrived (none: still on its way). */
  arrivedMinutesAgo?: number;
}

/** Declare (and let arrive) a truck through the gate API with the demo key. */
export async function seedTruck(baseUrl: string, t: SeedTruck): Promise<void> {
  const { declarationId, gateId } = t;
  const events: unknown[] = [
    {
      eventId: `${declarationId}-declared`,
      type: 'declared',
      declarationId,
      gateId,
      occurredAt: vietnamTime(-30 * 60_000),
      direction: 'export',
      vehicle: { plate: t.plate, country: 'VN' },
      enterprise: { taxCode: t.taxCode ?? '4900123456', name: t.name ?? 'Công ty TNHH Hoa Quả Xanh' },
      cargo: { description: 'Thanh long ruột đỏ', category: t.category ?? 'fresh_fruit', weightKg: 20_000, valueUsd: 18_500, localGoods: false },
    },
  ];
  if (t.arrivedMinutesAgo !== undefined) events.push({ eventId: `${declarationId}-arrived`, type: 'arrived', declarationId, gateId, occurredAt: vietnamTime(-t.arrivedMinutesAgo * 60_000) });
  const res = await fetch(`${baseUrl}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${gateKeyOf(gateId)}`, 'content-type': 'application/json' }, body: JSON.stringify(events) });
  const body = (await res.json()) as { accepted?: number };
  if (res.status !== 200 || body.accepted !== events.length) throw new Error(`seeding ${declarationId}: ${res.status} ${JSON.stringify(body)}`);
}

/** An operator's tabs come in groups: open a tab, choosing its group first when it is not on screen. */
export async function openTab(page: Page, tab: string): Promise<void> {
  const button = page.getByTestId(`tab-${tab}`);
  if ((await button.count()) === 0) {
    const group = { gates: 'watch', alerts: 'watch', notices: 'watch', lookup: 'watch', trade: 'reports', history: 'reports', bulletin: 'reports', procedures: 'manage', customs: 'manage', audit: 'manage' }[tab];
    if (!group) throw new Error(`no tab ${tab} on screen and no group known for it`);
    await page.getByTestId(`tab-group-${group}`).click();
  }
  await button.click();
}

/**
 * A browser suite on the built console: one real server (server/main.ts, its own data dir) and one Chromium for
 * the file, both stopped after it; `seed` runs once the server answers. Read `suite.server` inside tests.
 */
export function consoleSuite(seed?: (baseUrl: string) => Promise<void>): { readonly server: ServerProcess; pages: ReturnType<typeof consolePages> } {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const running = (): ServerProcess => {
    if (!server) throw new Error('the suite’s server has not started');
    return server;
  };
  const suite = {
    get server(): ServerProcess {
      return running();
    },
    pages: consolePages(() => browser, () => running().baseUrl),
  };
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the browser tests');
    server = await startServer();
    await seed?.(server.baseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.pages.close();
    await browser?.close();
    await server?.stop();
  });
  return suite;
}
