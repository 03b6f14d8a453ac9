// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { GatePanel } from '../../client/src/features/gates/GatePanel.tsx';
import { createI18n } from '../../client/src/i18n/index.ts';
import { createStores, StoresProvider } from '../../client/src/stores/index.tsx';
import { AS_OF, gateStatus } from './fixtures.ts';

// The gate panel speaks Vietnamese by default (glossary terms, vi-VN numbers) and English on request.

const unknownLane = (lane: 'fresh' | 'other') => ({
  lane,
  queue: 0,
  clearedPerDay: null,
  estimatedWaitMinutes: null,
  estimatedWaitRange: null,
  measured: { count: 0, medianMinutes: null, p90Minutes: null },
});

function renderPanel(lang: 'vi' | 'en') {
  const stores = createStores();
  stores.gates.getState().replace([
    gateStatus('huu-nghi', 1234, { status: 'restricted', activeNotices: ['n1'], yardFullAt: '2022-01-19T14:00:00+07:00' }),
    gateStatus('chi-ma', 0, { status: 'stopped', queue: { export: 0, import: 0 }, yardFullAt: '2022-01-19T08:00:00+07:00', waits: { export: [unknownLane('other'), unknownLane('fresh')], import: [] } }),
    gateStatus('tan-thanh', 1500),
  ]);
  // The server clock: 08:15, so 14:00 is ~6 h ahead and 08:00 (the current hour's start) means full already.
  stores.connection.getState().applied(1, AS_OF);
  const i18n = createI18n(lang);
  const view = render(
    <I18nextProvider i18n={i18n}>
      <StoresProvider stores={stores}>
        <GatePanel gateId="huu-nghi" />
        <GatePanel gateId="chi-ma" />
        <GatePanel gateId="tan-thanh" />
      </StoresProvider>
    </I18nextProvider>,
  );
  return { stores, i18n, view };
}

afterEach(cleanup);

describe('GatePanel', () => {
  it('renders Vietnamese labels and vi-VN numbers', () => {
    renderPanel('vi');
    const panel = screen.getByTestId('gate-panel-huu-nghi');
    expect(panel.textContent).toContain('Cửa khẩu huu-nghi');
    expect(screen.getByTestId('gate-status-huu-nghi').textContent).toBe('Hạn chế tiếp nhận');
    expect(screen.getByTestId('gate-status-chi-ma').textContent).toBe('Tạm dừng tiếp nhận');
    expect(screen.getByTestId('queue-total-huu-nghi').textContent).toBe('1.244');
    for (const label of ['Xe xuất đang chờ', 'Xe nhập đang chờ', 'Dự kiến đến', 'Thông quan 1 giờ qua', 'Thông quan hôm nay', 'Sức chứa bãi']) {
      expect(panel.textContent).toContain(label);
    }
    expect(panel.textContent).toContain('1 thông báo tạm dừng tiếp nhận');
    expect(screen.getByTestId('gate-panel-chi-ma').textContent).toContain('Chưa xác định');
  });

  it('renders English labels and en-GB numbers, switching live', async () => {
    const { i18n } = renderPanel('vi');
    await act(() => i18n.changeLanguage('en'));
    const panel = screen.getByTestId('gate-panel-huu-nghi');
    expect(panel.textContent).toContain('huu-nghi Border Gate');
    expect(screen.getByTestId('gate-status-huu-nghi').textContent).toBe('Restricted');
    expect(screen.getByTestId('queue-total-huu-nghi').textContent).toBe('1,244');
    for (const label of ['Export trucks waiting', 'Import trucks waiting', 'Expected', 'Cleared last hour', 'Cleared today', 'Yard capacity']) {
      expect(panel.textContent).toContain(label);
    }
    expect(screen.getByTestId('lane-wait-huu-nghi-export-fresh-estimate').textContent).toBe('~25 h (20–32)');
    expect(screen.getByTestId('lane-wait-huu-nghi-import-other-estimate').textContent).toBe('~4 h (3.5–5)');
    expect(screen.getByTestId('yard-full-huu-nghi').textContent).toContain('Yard full in ~6 h');
    expect(screen.getByTestId('gate-panel-chi-ma').textContent).toContain('Unknown');
    expect(localStorage.getItem('cks.lang')).toBe('en');
  });

  it('shows new numbers when a delta is merged', () => {
    const { stores } = renderPanel('vi');
    act(() => stores.gates.getState().merge([gateStatus('huu-nghi', 2000)]));
    expect(screen.getByTestId('queue-total-huu-nghi').textContent).toBe('2.010');
  });

  it('shows the wait per direction and lane: the estimate with its range, trucks waiting, cleared a day, beside the measured median / p90', () => {
    renderPanel('vi');
    const row = (direction: string, lane: string) => screen.getByTestId(`lane-wait-huu-nghi-${direction}-${lane}`);
    // Export fresh: 25 h (20–32 h); 864 of 1,234 export trucks waiting are fresh; 40 a day; 22 h / 30 h measured.
    expect(screen.getByTestId('lane-wait-huu-nghi-export-fresh-estimate').textContent).toBe('~25 giờ (20–32)');
    expect(row('export', 'fresh').textContent).toContain('864');
    expect(row('export', 'fresh').textContent).toContain('40');
    expect(screen.getByTestId('lane-wait-huu-nghi-export-fresh-measured').textContent).toBe('22 / 30 giờ');
    expect(screen.getByTestId('lane-wait-huu-nghi-export-other-estimate').textContent).toBe('~5 giờ (4–7)');
    // Import: 3 h (2–4 h) and 4 h (3,5–5 h) in vi-VN decimals; minutes below an hour.
    expect(screen.getByTestId('lane-wait-huu-nghi-import-fresh-estimate').textContent).toBe('~3 giờ (2–4)');
    expect(screen.getByTestId('lane-wait-huu-nghi-import-other-estimate').textContent).toBe('~4 giờ (3,5–5)');
    expect(screen.getByTestId('lane-wait-huu-nghi-import-fresh-measured').textContent).toBe('2,5 / 4,5 giờ');
    // Both directions, fresh produce first whatever order the server lists the lanes in.
    const table = screen.getByTestId('lane-waits-huu-nghi');
    expect(table.textContent).toContain('Xuất');
    expect(table.textContent).toContain('Nhập');
    const chiMa = screen.getByTestId('lane-waits-chi-ma-export');
    expect([...chiMa.querySelectorAll('tr[data-testid]')].map((r) => r.getAttribute('data-testid'))).toEqual(['lane-wait-chi-ma-export-fresh', 'lane-wait-chi-ma-export-other']);
    expect(screen.getByTestId('lane-wait-chi-ma-export-fresh-estimate').textContent).toBe('Chưa xác định');
  });

  it('a long wait reads in days: "~3 ngày (2–4)"; nothing ahead reads "không phải chờ"', () => {
    const stores = createStores();
    const gate = gateStatus('tan-thanh', 100);
    const fresh = { ...gate.waits.export[0]!, estimatedWaitMinutes: 3 * 1440 + 100, estimatedWaitRange: { low: 2 * 1440, high: 4 * 1440 - 30 } };
    stores.gates.getState().replace([{ ...gate, waits: { ...gate.waits, export: [fresh] } }]);
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <StoresProvider stores={stores}>
          <GatePanel gateId="tan-thanh" />
        </StoresProvider>
      </I18nextProvider>,
    );
    expect(screen.getByTestId('lane-wait-tan-thanh-export-fresh-estimate').textContent).toBe('~3 ngày (2–4)');
    act(() => stores.gates.getState().merge([{ ...gate, waits: { ...gate.waits, export: [{ ...fresh, queue: 0, estimatedWaitMinutes: 0, estimatedWaitRange: { low: 0, high: 0 } }] } }]));
    expect(screen.getByTestId('lane-wait-tan-thanh-export-fresh-estimate').textContent).toBe('không phải chờ');
  });

  it('says when the forecast has the yard full: "Bãi đầy sau ~6 giờ", or "Bãi đã đầy" once that hour has come; nothing without a forecast', () => {
    renderPanel('vi');
    const soon = screen.getByTestId('yard-full-huu-nghi').textContent ?? '';
    expect(soon).toContain('Bãi đầy sau ~6 giờ');
    expect(soon).toContain('14:00 19/01');
    expect(screen.getByTestId('yard-full-chi-ma').textContent).toBe('!Bãi đã đầy');
    expect(screen.queryByTestId('yard-full-tan-thanh')).toBeNull();
  });
});
