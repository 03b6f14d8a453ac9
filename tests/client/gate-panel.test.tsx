// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { GatePanel } from '../../client/src/features/gates/GatePanel.tsx';
import { createI18n } from '../../client/src/i18n/index.ts';
import { createStores, StoresProvider } from '../../client/src/stores/index.tsx';
import { gateStatus } from './fixtures.ts';

// The gate panel speaks Vietnamese by default (glossary terms, vi-VN numbers) and English on request.

function renderPanel(lang: 'vi' | 'en') {
  const stores = createStores();
  stores.gates.getState().replace([
    gateStatus('huu-nghi', 1234, { status: 'restricted', estimatedWaitMinutes: 135, activeNotices: ['n1'] }),
    gateStatus('chi-ma', 0, { status: 'stopped', estimatedWaitMinutes: null, queue: { export: 0, import: 0 } }),
    gateStatus('tan-thanh', 1500, { estimatedWaitMinutes: 181 * 60 + 43 }),
  ]);
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
    expect(panel.textContent).toContain('2 giờ 15 phút');
    expect(screen.getByTestId('gate-panel-tan-thanh').textContent).toContain('7 ngày 13 giờ'); // 181 h 43 min: days past two days
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
    expect(panel.textContent).toContain('2 h 15 min');
    expect(screen.getByTestId('gate-panel-tan-thanh').textContent).toContain('7 d 13 h');
    expect(screen.getByTestId('gate-panel-chi-ma').textContent).toContain('Unknown');
    expect(localStorage.getItem('cks.lang')).toBe('en');
  });

  it('shows new numbers when a delta is merged', () => {
    const { stores } = renderPanel('vi');
    act(() => stores.gates.getState().merge([gateStatus('huu-nghi', 2000)]));
    expect(screen.getByTestId('queue-total-huu-nghi').textContent).toBe('2.010');
  });
});
