import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// The real built console against the real server in Chromium: map, gates, and a live queue change.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const credentials: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures/demo-credentials.json'), 'utf8'));

function gateKey(gateId: string): string {
  if (typeof credentials === 'object' && credentials !== null && 'gateKeys' in credentials) {
    const keys = credentials.gateKeys;
    if (typeof keys === 'object' && keys !== null && gateId in keys) {
      const key: unknown = Reflect.get(keys, gateId);
      if (typeof key === 'string') return key;
    }
  }
  throw new Error(`fixtures/demo-credentials.json has no gate key for ${gateId}`);
}

/** Now, as ISO-8601 with the +07:00 offset the contract asks for. */
const nowInVietnam = (offsetMs = 0) => new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().replace('Z', '+07:00');

const queueText = (page: Page, gateId: string) => page.getByTestId(`queue-total-${gateId}`).innerText();
/** vi-VN groups thousands with dots: "1.234" → 1234. */
const digits = (text: string) => Number(text.replace(/\D/g, ''));

describe('console (built client + real server + Chromium)', () => {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    if (!existsSync(join(REPO_ROOT, 'server/main.ts'))) throw new Error('server/main.ts is missing: the e2e test needs the real server');
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the offline map with the province and attribution', async () => {
    await page.locator('.leaflet-container').waitFor();
    await page.locator('path.map-province').first().waitFor();
    expect(await page.locator('.leaflet-control-attribution').innerText()).toContain('© OpenStreetMap contributors');
  });

  it('shows a panel and a marker for Hữu Nghị and Tân Thanh, in Vietnamese', async () => {
    for (const id of ['huu-nghi', 'tan-thanh']) {
      await page.getByTestId(`gate-panel-${id}`).waitFor();
      await page.getByTestId(`marker-queue-${id}`).waitFor();
      expect(await page.getByTestId(`gate-marker-${id}`).count()).toBe(1);
    }
    expect(await page.getByTestId('gate-panel-huu-nghi').innerText()).toContain('Hữu Nghị');
    await expect.poll(() => page.getByTestId('connection-status').innerText()).toBe('Trực tuyến');
  });

  it('selects a gate when its marker is clicked', async () => {
    await page.getByTestId('marker-queue-huu-nghi').click();
    await expect.poll(() => page.getByTestId('gate-panel-huu-nghi').getAttribute('class')).toContain('gate-panel--selected');
  });

  it('raises the Tân Thanh queue on screen when a truck declares and arrives, without reload', async () => {
    const before = digits(await queueText(page, 'tan-thanh'));
    const markerBefore = digits(await page.getByTestId('marker-queue-tan-thanh').innerText());
    const declarationId = `e2e-${process.pid}-${Date.now()}`;
    const events = [
      {
        eventId: `${declarationId}-declared`,
        type: 'declared',
        declarationId,
        gateId: 'tan-thanh',
        occurredAt: nowInVietnam(-60_000),
        direction: 'export',
        vehicle: { plate: '12C-123.45', country: 'VN' },
        enterprise: { taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh' },
        cargo: { description: 'Thanh long tươi', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false },
      },
      { eventId: `${declarationId}-arrived`, type: 'arrived', declarationId, gateId: 'tan-thanh', occurredAt: nowInVietnam() },
    ];
    const response = await fetch(`${server?.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateKey('tan-thanh')}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [] });

    await expect.poll(async () => digits(await queueText(page, 'tan-thanh')), { timeout: 5_000 }).toBe(before + 1);
    await expect.poll(async () => digits(await page.getByTestId('marker-queue-tan-thanh').innerText())).toBe(markerBefore + 1);
  });
});
