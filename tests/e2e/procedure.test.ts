import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationView } from '../../shared/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { consolePages, openTab } from '../helpers/console-page.ts';
import { api, login, manualClock } from '../helpers/people.ts';
import { ENTERPRISE_A, NOW, TRUCKS, eventsAt, truckEvents } from '../helpers/people-seed.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { at, iso } from '../helpers/truck-events.ts';

// The procedure as data, in the built console against the real server at a fixed clock (Chromium): the
// operator sets Hữu Nghị's fresh-fruit exports, from tomorrow 06:00, to "quarantine, then a hand-over by the
// border guard", reads the preview (the two trucks in the yard keep theirs, the one on its way follows the
// new one) and applies it. The clock passes 06:00 and that truck arrives: customs no longer sees it, the
// quarantine officer does (flagged as priority goods); once quarantine confirms, the border guard sees the
// hand-over, confirms it, and the truck is ready to clear. On the way the operator sets the gate's 1 : 3
// service pattern, which the worklists then say they follow.

const DIST_INDEX = join(REPO_ROOT, 'dist/client/index.html');
const ON_THE_WAY = { id: 'HN-7', gateId: 'huu-nghi', direction: 'export' as const, plate: '12C-777.77', owner: ENTERPRISE_A, declaredAt: at('2022-01-10 13:00') };

describe('the procedure screen and the worklists that follow it (built client + real server + Chromium)', () => {
  let server: TestServer;
  let browser: Browser | undefined;
  const clock = manualClock(NOW);
  const pages = consolePages(() => browser, () => server.url);

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the browser tests`);
    server = await startTestServer({ clock });
    // Hữu Nghị at 14:00: two fresh-fruit exports in the yard (HN-1, HN-5), one import, one cleared; HN-7 on its way.
    const seeded = await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([...eventsAt('huu-nghi'), ...truckEvents(ON_THE_WAY)]));
    expect(seeded.status).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await pages.close();
    await browser?.close();
    await server?.stop();
  });

  const worklistOf = async (user: string): Promise<Page> => {
    const page = await pages.open({ width: 1440, height: 900 });
    await pages.signIn(page, user);
    await page.getByTestId('worklist').waitFor();
    return page;
  };

  it('an operator changes the procedure from tomorrow 06:00 after a preview; forces’ worklists follow it once it starts', async () => {
    const operator = await pages.open({ width: 1440, height: 900 });
    await pages.signIn(operator, 'sct.vanhanh');
    await openTab(operator, 'procedures');
    const editor = operator.getByTestId('procedure-editor');
    // Tomorrow 06:00, local time of the deployment, is the default.
    expect(await editor.getByTestId('proc-from').inputValue()).toBe('11/01/2022 06:00');
    await editor.getByTestId('proc-gate-huu-nghi').check();
    await editor.getByTestId('proc-direction').selectOption('export');
    await editor.getByTestId('proc-cat-fresh_fruit').check();
    await editor.getByTestId('proc-check-border_guard').uncheck();
    await editor.getByTestId('proc-check-customs').uncheck();
    await editor.getByTestId('proc-handover').check();
    await editor.getByTestId('proc-handover-by').selectOption('border_guard');
    await editor.getByTestId('proc-ordered').check();
    // Apply needs a preview first.
    expect(await editor.getByTestId('procedure-apply').isDisabled()).toBe(true);
    await editor.getByTestId('procedure-preview-button').click();
    const preview = editor.getByTestId('procedure-preview');
    await expect.poll(() => preview.innerText()).toContain('Biên phòng + Hải quan + Kiểm dịch ⇒ Kiểm dịch → Giao nhận (Biên phòng)');
    const text = await preview.innerText();
    expect(text).toContain('2 xe đang trong bãi giữ quy trình cũ; 1 xe đang trên đường sẽ theo quy trình mới');
    expect(text).toContain('Cửa khẩu quốc tế Hữu Nghị · xuất khẩu');
    await editor.getByTestId('procedure-apply').click();
    await expect.poll(() => editor.getByTestId('procedure-done').innerText()).toContain('QT-1');
    // The rule is listed for Hữu Nghị as scheduled, with who set it.
    const rule = operator.getByTestId('procedure-rule-huu-nghi-QT-1');
    await expect.poll(() => rule.innerText()).toContain('Sắp áp dụng');
    expect(await rule.innerText()).toContain('sct.vanhanh');
    // Hữu Nghị serves one perishable truck for every three others from now on.
    const pattern = operator.getByTestId('pattern-huu-nghi');
    await pattern.getByTestId('pattern-huu-nghi-ratio').check();
    await pattern.getByTestId('pattern-huu-nghi-priority').fill('1');
    await pattern.getByTestId('pattern-huu-nghi-regular').fill('3');
    await pattern.getByTestId('pattern-huu-nghi-apply').click();
    await expect.poll(() => operator.getByTestId('pattern-huu-nghi-now').innerText()).toContain('1 xe ưu tiên : 3 xe khác');

    // Tomorrow 06:30: the truck on its way arrives (the gate system's event, with its key).
    clock.set(at('2022-01-11 06:30'));
    const arrived = await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([{ eventId: 'HN-7-arrived', type: 'arrived', declarationId: 'HN-7', gateId: 'huu-nghi', occurredAt: iso(at('2022-01-11 06:20')) }]));
    expect(arrived.json).toMatchObject({ accepted: 1 });
    await expect.poll(() => rule.innerText(), { timeout: 20_000 }).toContain('Đang áp dụng');

    // Customs: the trucks of the old procedure are still there, HN-7 is not.
    const customs = await worklistOf('hq.huunghi');
    await customs.getByTestId('worklist-row-HN-1').waitFor();
    expect(await customs.getByTestId('worklist-row-HN-7').count()).toBe(0);
    expect(await customs.getByTestId('worklist-order').innerText()).toContain('Ưu tiên 1 : 3');
    // Quarantine: HN-7, flagged as priority goods; it confirms.
    const quarantine = await worklistOf('kd.huunghi');
    const row = quarantine.getByTestId('worklist-row-HN-7');
    await row.waitFor();
    expect(await row.innerText()).toContain('Ưu tiên');
    await row.click();
    const dialog = quarantine.getByTestId('truck-dialog');
    await expect.poll(() => dialog.getByTestId('check-handover').innerText()).toContain('Chưa đến lượt');
    await dialog.getByTestId('check-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // The border guard: no check of its own for HN-7, but the hand-over is its to confirm.
    const guard = await worklistOf('bp.huunghi');
    const handover = guard.getByTestId('worklist-row-HN-7');
    await handover.waitFor();
    expect(await handover.innerText()).toContain('Giao nhận');
    await handover.click();
    const guardDialog = guard.getByTestId('truck-dialog');
    await expect.poll(() => guardDialog.getByTestId('check-quarantine').innerText()).toContain('Đã xác nhận');
    expect(await guardDialog.getByTestId('check-confirm').count()).toBe(0);
    await guardDialog.getByTestId('handover-confirm').click();
    await guardDialog.waitFor({ state: 'detached' });
    await expect.poll(() => handover.count()).toBe(0);

    const token = await login(server.url, 'bp.huunghi');
    const view = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-7', token)).json);
    expect(view.procedure).toMatchObject({ ruleId: 'QT-1', pending: [], ready: true, handover: { by: 'border_guard', result: 'confirmed' } });
    // The two in the yard before 06:00 keep the default procedure.
    const kept = DeclarationView.parse((await api(server.url, 'GET', `/declarations/${TRUCKS[0]?.id ?? ''}`, token)).json);
    expect(kept.procedure?.ruleId).toBe('default');
  });
});
