import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { consolePages, seedTruck, tokenOf, vietnamTime, openTab } from '../helpers/console-page.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';

// When the procedure changes, in the built console against the real server: a trader fixes a plate and the
// border force's worklist shows it within a second; a customs officer imports its system's file and the
// worklist empties accordingly; an operator changes the procedure for fresh fruit and the forces' worklists
// follow it.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');

describe('when the procedure changes (built client + real server + Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser | undefined;
  const pages = consolePages(() => browser, () => server.baseUrl);
  const dir = mkdtempSync(join(tmpdir(), 'cks-e2e-customs-'));
  const run = process.pid;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await pages.close();
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an enterprise corrects a plate; the force’s worklist shows the change within 1 s', async () => {
    const id = `e2e-amend-${run}`;
    await seedTruck(server.baseUrl, { declarationId: id, gateId: 'huu-nghi', plate: '12C-432.10', arrivedMinutesAgo: 10 });
    const force = await pages.open();
    await pages.signIn(force, 'hq.huunghi');
    const row = force.getByTestId(`worklist-row-${id}`);
    await force.getByTestId('worklist-search').fill('12C-432');
    await row.waitFor();
    expect(await row.innerText()).toContain('12C-432.10');

    const trader = await pages.open({ width: 390, height: 844 });
    await pages.signIn(trader, 'dn.hoaquaxanh');
    await trader.getByTestId(`amend-open-${id}`).click();
    const dialog = trader.getByTestId('amend-dialog');
    await dialog.getByTestId('amend-plate').fill('12C-432.11');
    await dialog.getByTestId('amend-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const saved = Date.now();
    await expect.poll(() => row.innerText(), { timeout: 1_000, interval: 50 }).toContain('12C-432.11');
    expect(Date.now() - saved).toBeLessThan(1_000);
    // The trader's card shows the correction, and the force sees who changed what in the truck.
    await trader.getByTestId(`my-truck-12C-432.11`).locator('summary').click();
    await expect.poll(() => trader.getByTestId(`amendments-${id}`).innerText()).toContain('12C-432.10 → 12C-432.11');
    await row.click();
    const truck = force.getByTestId('truck-dialog');
    await expect.poll(() => truck.getByTestId(`amendments-${id}`).innerText()).toContain('dn.hoaquaxanh');
    // Its trail: declared, corrected, arrived.
    await truck.locator('summary').click();
    const trail = await truck.getByTestId(`trail-${id}`).innerText();
    expect(trail).toContain('Sửa tờ khai');
    expect(trail).toContain('Vào bãi');
  });

  it('an enterprise filters to its trucks under a notice', async () => {
    const fruit = `e2e-mine-${run}-fruit`;
    const glass = `e2e-mine-${run}-glass`;
    await seedTruck(server.baseUrl, { declarationId: fruit, gateId: 'chi-ma', plate: '12C-701.01', arrivedMinutesAgo: 30 });
    await seedTruck(server.baseUrl, { declarationId: glass, gateId: 'chi-ma', plate: '12C-701.02', category: 'industrial_materials', arrivedMinutesAgo: 30 });
    const operator = await tokenOf(server.baseUrl, 'sct.vanhanh');
    const notice = await fetch(`${server.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ gateIds: ['chi-ma'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: vietnamTime(-60_000), reason: { vi: 'Tạm dừng trái cây tại Chi Ma' } }),
    });
    expect(notice.status).toBe(201);
    const trader = await pages.open({ width: 390, height: 844 });
    await pages.signIn(trader, 'dn.hoaquaxanh');
    await trader.getByTestId('my-truck-12C-701.02').waitFor();
    await trader.getByTestId('mine-under-notice').click();
    await trader.getByTestId('my-truck-12C-701.01').waitFor();
    expect(await trader.getByTestId('my-truck-12C-701.02').count()).toBe(0);
    // The phone shows the trucks first: no map above them on this tab.
    expect(await trader.locator('.map-area').isVisible()).toBe(false);
    await trader.getByTestId('mine-under-notice').click();
    await trader.getByTestId('mine-search').fill('701.02');
    await trader.getByTestId('my-truck-12C-701.02').waitFor();
    expect(await trader.getByTestId('my-truck-12C-701.01').count()).toBe(0);
  });

  it('a customs officer imports the customs system’s file: dry run, import, the worklist empties accordingly', async () => {
    const ids = [`e2e-hq-${run}-1`, `e2e-hq-${run}-2`];
    await seedTruck(server.baseUrl, { declarationId: ids[0] ?? '', gateId: 'tan-thanh', plate: '98C-611.01', arrivedMinutesAgo: 20 });
    await seedTruck(server.baseUrl, { declarationId: ids[1] ?? '', gateId: 'tan-thanh', plate: '98C-611.02', arrivedMinutesAgo: 15 });
    const today = vietnamTime().slice(0, 10).split('-').reverse().join('/');
    const file = join(dir, 'ket-qua-hai-quan.csv');
    writeFileSync(file, `so_hieu;so_to_khai;bien_so;ngay;ket_qua;thoi_gian;ghi_chu\nA1;${ids[0]};;${today};Thông quan;${vietnamTime(-5 * 60_000).slice(11, 16)};\nA2;;98C-611.02;${today};Thông quan;${vietnamTime(-4 * 60_000).slice(11, 16)};\nA3;;51Z-000.00;${today};Thông quan;10:00;\n`);
    const page = await pages.open();
    await pages.signIn(page, 'hq.tanthanh');
    await page.getByTestId('worklist-search').fill('98C-611');
    await page.getByTestId(`worklist-row-${ids[0]}`).waitFor();
    await page.getByTestId(`worklist-row-${ids[1]}`).waitFor();
    await page.getByTestId('tab-customs').click();
    const pane = page.getByTestId('customs-import');
    await pane.getByTestId('customs-file').setInputFiles(file);
    await pane.getByTestId('customs-dry-run').click();
    await expect.poll(() => pane.getByTestId('customs-summary').innerText()).toContain('Khớp: 2');
    expect(await pane.getByTestId('customs-summary').innerText()).toContain('Không tìm thấy: 1');
    await pane.getByTestId('customs-import-button').click();
    await expect.poll(() => pane.getByTestId('customs-summary').innerText()).toContain('Đã nhập 2 kết quả');
    await page.getByTestId('tab-worklist').click();
    await page.getByTestId('worklist-search').fill('98C-611');
    await expect.poll(() => page.getByTestId('worklist-count').innerText()).toBe('0 xe');
  });

  it('an operator changes the fresh-fruit procedure of Tân Thanh; a truck arriving after follows it', async () => {
    const operator = await pages.open({ width: 1440, height: 900 });
    await pages.signIn(operator, 'sct.vanhanh');
    await openTab(operator, 'procedures');
    const editor = operator.getByTestId('procedure-editor');
    for (const g of ['huu-nghi', 'chi-ma']) if (await editor.getByTestId(`proc-gate-${g}`).isChecked()) await editor.getByTestId(`proc-gate-${g}`).uncheck();
    await editor.getByTestId('proc-gate-tan-thanh').check();
    // From this very minute (a change is dated now or later; tomorrow 06:00 is the default).
    await editor.getByTestId('proc-from').fill(vietnamTime().slice(0, 16));
    await editor.getByTestId('proc-check-border_guard').uncheck();
    await editor.getByTestId('proc-check-customs').uncheck();
    await editor.getByTestId('proc-handover').check();
    await editor.getByTestId('proc-ordered').check();
    await editor.getByTestId('procedure-preview-button').click();
    await expect.poll(() => editor.getByTestId('procedure-preview').innerText()).toContain('Kiểm dịch → Giao nhận (Biên phòng)');
    await editor.getByTestId('procedure-apply').click();
    await editor.getByTestId('procedure-done').waitFor();

    const id = `e2e-proc-${run}`;
    await seedTruck(server.baseUrl, { declarationId: id, gateId: 'tan-thanh', plate: '98C-622.01', arrivedMinutesAgo: 0 });
    const base = server.baseUrl;
    const listOf = async (user: string): Promise<string[]> => {
      const res = await fetch(`${base}/api/v1/gates/tan-thanh/worklist`, { headers: { authorization: `Bearer ${await tokenOf(base, user)}` } });
      return ((await res.json()) as { items: { declarationId: string }[] }).items.map((i) => i.declarationId);
    };
    expect(await listOf('kd.tanthanh')).toContain(id);
    expect(await listOf('hq.tanthanh')).not.toContain(id);
    // In the quarantine officer's console: the truck, flagged as priority goods.
    const quarantine = await pages.open();
    await pages.signIn(quarantine, 'kd.tanthanh');
    await quarantine.getByTestId('worklist-search').fill('98C-622');
    const row = quarantine.getByTestId(`worklist-row-${id}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Ưu tiên');
  });
});
