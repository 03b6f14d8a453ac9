import { describe, expect, it } from 'vitest';
import { consoleSuite, seedTruck } from '../helpers/console-page.ts';

// A border force works through its worklist by keyboard alone: to the list, open the first truck, and
// "confirm and next" with Enter, truck after truck; the list is the whole width (no map for this role).

describe('the force’s keyboard flow (built client + real server + Chromium)', () => {
  const suite = consoleSuite();
  const { pages } = suite;

  it('confirms five trucks with the keyboard only, one keystroke a truck', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `e2e-kb-${process.pid}-${i}`);
    for (const [i, id] of ids.entries()) await seedTruck(suite.server.baseUrl, { declarationId: `${id}-tt`, gateId: 'tan-thanh', plate: `98C-200.0${i}`, arrivedMinutesAgo: 50 - i });
    const page = await pages.open({ width: 1440, height: 900 });
    await pages.signIn(page, 'hq.tanthanh');
    await page.getByTestId('worklist').waitFor();
    expect(await page.locator('.map-area').isVisible()).toBe(false);
    // The list takes the whole width of the screen.
    expect((await page.getByTestId('worklist').boundingBox())?.width ?? 0).toBeGreaterThan(1_200);
    await page.getByTestId(`worklist-row-${ids[0]}-tt`).waitFor();
    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };
    // Tab to the first row of the list.
    for (let i = 0; i < 40; i++) {
      await press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-row-index'))) === '0') break;
    }
    const toList = keys;
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`worklist-row-${ids[0]}-tt`);
    await press('Enter');
    for (const id of ids) {
      const dialog = page.getByTestId('truck-dialog');
      await dialog.getByTestId(`declaration-${id}-tt`).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('check-confirm-next');
      await press('Enter');
    }
    await page.getByTestId('truck-dialog').waitFor({ state: 'detached' });
    for (const id of ids) await page.getByTestId(`worklist-row-${id}-tt`).waitFor({ state: 'detached' });
    // To the list once, then one Enter to open and one per truck.
    expect(keys - toList).toBe(1 + ids.length);
    console.log(`keyboard flow: ${toList} Tab(s) to the list, then ${keys - toList} keystrokes for ${ids.length} trucks`);
  });
});
