import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { consoleSuite, vietnamTime } from '../helpers/console-page.ts';
import { api, login } from '../helpers/people.ts';

// The offline base map (no tiles here): the national roads with their numbers, the railway, the towns — minor
// ones only once zoomed in — under the gate markers, with the one credit line the data's licences ask for; on
// a phone a restricted gate's marker still says so.

const CREDIT = '© OpenStreetMap contributors (ODbL) · Natural Earth / naturalearthtiles (ODbL) · GeoNames (CC BY 4.0)';

describe('the base map (built client + real server + Chromium)', () => {
  const suite = consoleSuite();
  const { pages } = suite;

  const inView = async (page: Page, selector: string): Promise<boolean> => {
    const box = await page.locator(selector).boundingBox();
    const size = page.viewportSize();
    return box !== null && size !== null && box.width > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
  };
  type Box = { x: number; y: number; width: number; height: number };
  const overlap = (a: Box | null, b: Box | null): boolean =>
    a !== null && b !== null && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('draws roads, railway and towns under the markers, names minor towns once zoomed in, and credits the data', async () => {
    const page = await pages.open({ width: 1366, height: 768 });
    await page.getByTestId('road-QL1A').waitFor();
    expect(await page.locator('path.map-road--national').count()).toBe(3);
    expect(await page.locator('path.map-rail').count()).toBe(2);
    expect(await page.locator('path.map-rail').first().isVisible()).toBe(true);
    expect(await inView(page, '[data-testid="road-QL1A"]')).toBe(true);
    expect(await inView(page, '.leaflet-control-attribution')).toBe(true);
    // A town's name never covers a gate's label (the places pane is under the markers), and does not sit on one.
    expect(overlap(await page.getByTestId('town-Đồng Đăng').boundingBox(), await page.locator('[data-testid="gate-marker-huu-nghi"] .gm__label').boundingBox())).toBe(false);
    expect(overlap(await page.getByTestId('town-Đồng Đăng').boundingBox(), await page.locator('[data-testid="gate-marker-tan-thanh"] .gm__label').boundingBox())).toBe(false);
    expect(await page.getByTestId('town-Lạng Sơn').isVisible()).toBe(true);
    expect(await page.getByTestId('town-Đồng Đăng').isVisible()).toBe(true);
    // A district seat is named only from zoom 10.
    expect(await page.getByTestId('town-Cao Lộc').isVisible()).toBe(false);
    const zoomIn = async () => {
      await page.locator('.leaflet-control-zoom-in').click();
      await page.waitForTimeout(400); // the zoom animation
    };
    await zoomIn();
    await zoomIn();
    expect(await page.evaluate(() => document.querySelector('.leaflet-container')?.classList.contains('map--all-towns'))).toBe(true);
    await expect.poll(() => page.getByTestId('town-Cao Lộc').isVisible()).toBe(true);
    // Place names sit in a pane below the markers' pane.
    const z = await page.evaluate(() => [document.querySelector('.leaflet-places-pane'), document.querySelector('.leaflet-marker-pane')].map((p) => Number(p ? getComputedStyle(p).zIndex : NaN)));
    expect(z[0]).toBeLessThan(z[1] ?? 0);
    expect(((await page.locator('.leaflet-control-attribution').textContent()) ?? '').replace(/\s+/g, ' ')).toContain(CREDIT);
    await page.context().close();
  });

  it('on a phone, a restricted gate’s marker keeps its tag, inside the screen', async () => {
    const operator = await login(suite.server.baseUrl, 'sct.vanhanh');
    const issued = await api(suite.server.baseUrl, 'POST', '/notices', operator, { gateIds: ['tan-thanh'], direction: 'export', effectiveFrom: vietnamTime(-60_000), reason: { vi: 'Bãi quá tải' } });
    expect(issued.status).toBe(201);
    const page = await pages.open({ width: 390, height: 844 });
    const marker = page.getByTestId('gate-marker-tan-thanh');
    await expect.poll(() => marker.getAttribute('data-status')).toBe('restricted');
    const tag = marker.locator('.gm__status');
    expect(((await tag.textContent()) ?? '').toLowerCase()).toBe('hạn chế');
    expect(await tag.isVisible()).toBe(true);
    expect(await inView(page, '[data-testid="gate-marker-tan-thanh"] .gm__label')).toBe(true);
    expect(await inView(page, '[data-testid="gate-marker-tan-thanh"] .gm__status')).toBe(true);
    // Hữu Nghị and Tân Thanh, 4 km apart, point their labels away from each other.
    const label = (id: string) => page.locator(`[data-testid="gate-marker-${id}"] .gm__label`).boundingBox();
    expect(overlap(await label('tan-thanh'), await label('huu-nghi'))).toBe(false);
    // The whole credit line is on screen, and the legend is not under it.
    expect(((await page.locator('.leaflet-control-attribution').textContent()) ?? '').replace(/\s+/g, ' ')).toContain(CREDIT);
    expect(await inView(page, '.leaflet-control-attribution')).toBe(true);
    expect(overlap(await page.locator('.leaflet-control-attribution').boundingBox(), await page.locator('.map-legend').boundingBox())).toBe(false);
    await page.context().close();
  });
});
