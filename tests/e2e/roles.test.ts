import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { consoleSuite, openTab, seedTruck } from '../helpers/console-page.ts';

// Each role's main screen, at desktop and phone size, checked by tools: axe-core finds no serious or critical
// accessibility violation; the operator's navigation fits 1366 px in two steady rows; a Chinese plate is drawn
// with the console's own CJK subset, whatever fonts the machine has.

const ROLES = [
  { role: 'public', user: undefined, main: 'gate-panel-tan-thanh' },
  { role: 'operator', user: 'sct.vanhanh', main: 'gate-panel-tan-thanh' },
  { role: 'border force', user: 'hq.tanthanh', main: 'worklist' },
  { role: 'enterprise', user: 'dn.hoaquaxanh', main: 'my-trucks' },
] as const;
const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** axe-core's own bundle, evaluated in the page through the DevTools protocol (the console's CSP rightly refuses
 *  an injected script tag) — what the @axe-core/* wrappers do, without their Node ≥ 22 requirement. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })) as AxeResult;
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} [${n.failureSummary ?? ''}]`).join(' | ')}`);
}

describe('each role’s screen checked by tools (built client + real server + Chromium)', () => {
  const suite = consoleSuite(async (baseUrl) => {
    await seedTruck(baseUrl, { declarationId: `e2e-roles-${process.pid}-1`, gateId: 'tan-thanh', plate: '98C-300.01', arrivedMinutesAgo: 40 });
    await seedTruck(baseUrl, { declarationId: `e2e-roles-${process.pid}-2`, gateId: 'tan-thanh', plate: '桂A·12345', arrivedMinutesAgo: 30 });
  });
  const { pages } = suite;

  for (const { role, user, main } of ROLES) {
    for (const { name, viewport } of SIZES) {
      it(`${role}, ${name}: no serious accessibility violation on the main screen`, async () => {
        const page = await pages.open(viewport);
        if (user) await pages.signIn(page, user);
        await page.getByTestId(main).first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('operator at 1366 px: groups on one row, the group’s tabs on one row, steady when badges come and go', async () => {
    const page = await pages.open({ width: 1366, height: 768 });
    await pages.signIn(page, 'sct.vanhanh');
    const rows = () =>
      page.evaluate(() =>
        ['.tab-groups', '.tabs'].map((selector) => {
          const items = [...document.querySelectorAll(`${selector} > button`)].map((b) => Math.round(b.getBoundingClientRect().top));
          return { items: items.length, rows: new Set(items).size };
        }),
      );
    for (const group of ['watch', 'reports', 'manage']) {
      await page.getByTestId(`tab-group-${group}`).click();
      expect(await page.getByTestId(`tab-group-${group}`).getAttribute('aria-current')).toBe('true');
      const [groups, tabs] = await rows();
      expect(groups).toEqual({ items: 3, rows: 1 });
      expect(tabs?.rows).toBe(1);
      expect(tabs?.items).toBeGreaterThanOrEqual(3);
    }
    // Every one of the ten sections is reachable through its group.
    for (const tab of ['gates', 'alerts', 'notices', 'lookup', 'trade', 'history', 'bulletin', 'procedures', 'customs', 'audit']) {
      await openTab(page, tab);
      expect(await page.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).toBe('true');
    }
    await page.context().close();
  });

  it('a Chinese plate is drawn with the console’s CJK subset', async () => {
    const page = await pages.open({ width: 1440, height: 900 });
    await pages.signIn(page, 'hq.tanthanh');
    const row = page.getByTestId(`worklist-row-e2e-roles-${process.pid}-2`);
    await row.waitFor();
    expect(await row.textContent()).toContain('桂A');
    // The browser fetches a unicode-range face only for characters on screen: the plate made it load.
    await expect
      .poll(() => page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'CKS Hanzi' && f.status === 'loaded').length))
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => document.fonts.check('700 14px "CKS Hanzi"', '桂'))).toBe(true);
    await page.context().close();
  });
});
