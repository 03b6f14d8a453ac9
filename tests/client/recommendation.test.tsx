// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeRequest, WhatIfRequest, type Notice } from '../../shared/index.ts';
import { AlertList } from '../../client/src/features/alerts/Alerts.tsx';
import { NoticeComposerHost } from '../../client/src/features/notices/NoticeComposer.tsx';
import { createI18n } from '../../client/src/i18n/index.ts';
import { createStores, StoresProvider, type Stores } from '../../client/src/stores/index.tsx';
import { gateStatus, recommendation, whatIfResponse } from './fixtures.ts';

// A recommended notice in the operator's alerts: read it, open the composer filled in with ONE click (scope,
// period, a reason in vi and en from the figures), see the what-if, issue it with its recommendationId; or
// dismiss it.

interface Call {
  method: string;
  path: string;
  body: unknown;
}

let calls: Call[] = [];

function fakeServer() {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method: init.method ?? 'GET', path, body });
      const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
      if (path === '/api/v1/forecast/what-if') return json(200, whatIfResponse());
      if (path === '/api/v1/notices') {
        const draft = NoticeRequest.parse(body);
        const notice: Notice = { ...draft, id: 'TB-2022-001', issuedAt: '2022-02-10T08:01:00+07:00', issuedBy: 'sct.vanhanh', active: false };
        return json(201, notice);
      }
      if (path.startsWith('/api/v1/recommendations/')) return new Response(null, { status: 204 });
      return json(404, { error: 'not_found', message: path });
    }),
  );
}

function renderOperator(lang: 'vi' | 'en' = 'vi'): Stores {
  const stores = createStores();
  stores.session.getState().signIn({ token: 'tok-op', expiresAt: '2099-01-01T00:00:00+07:00', user: { username: 'sct.vanhanh', role: 'operator' } });
  stores.gates.getState().replace([
    gateStatus('huu-nghi', 50, { name: { vi: 'Cửa khẩu quốc tế Hữu Nghị', en: 'Hữu Nghị International Border Gate' }, yardCapacity: 60 }),
    gateStatus('tan-thanh', 5, { name: { vi: 'Cửa khẩu Tân Thanh', en: 'Tân Thanh Border Gate' } }),
  ]);
  stores.connection.getState().applied(1, '2022-02-10T08:00:00+07:00');
  stores.alerts.getState().replace([
    { id: 'q-huu-nghi', kind: 'queue_over_capacity', gateId: 'huu-nghi', queue: 50, yardCapacity: 60, share: 0.83, threshold: 0.8, raisedAt: '2022-02-10T08:00:00+07:00' },
    recommendation(),
  ]);
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <StoresProvider stores={stores}>
        <AlertList />
        <NoticeComposerHost />
      </StoresProvider>
    </I18nextProvider>,
  );
  return stores;
}

const REC = recommendation().id;
const input = (name: string) => document.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLTextAreaElement;

beforeEach(fakeServer);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a recommended notice in the alert list', () => {
  it('says which gates, direction, goods, when the yard fills and the period, first in the list', () => {
    renderOperator();
    const card = screen.getByTestId(`recommendation-${REC}`);
    const text = card.textContent ?? '';
    expect(text).toContain('Đề xuất tạm dừng tiếp nhận');
    expect(text).toContain('Cửa khẩu quốc tế Hữu Nghị');
    expect(text).toContain('xuất khẩu · Hoa quả tươi');
    expect(text).toContain('Bãi đầy lúc 14:00 10/02/2022');
    expect(text).toContain('129%');
    expect(text).toContain('00:00 11/02/2022 – 00:00 13/02/2022');
    // Before the queue alert that came first from the server.
    const cards = [...screen.getByTestId('alert-list').querySelectorAll('article')];
    expect(cards[0]).toBe(card);
    expect(cards).toHaveLength(2);
  });

  it('"Mở soạn thảo" opens the composer filled in, in one click; issuing sends the recommendationId', async () => {
    const stores = renderOperator();
    expect(screen.queryByTestId('notice-composer')).toBeNull();
    fireEvent.click(screen.getByTestId(`recommendation-open-${REC}`));
    const composer = screen.getByTestId('notice-composer');
    expect(screen.getByTestId('composer-from-recommendation').textContent).toContain('14:00 10/02/2022');
    const checked = (label: string) => (within(composer).getByLabelText(label) as HTMLInputElement).checked;
    expect(checked('Cửa khẩu quốc tế Hữu Nghị')).toBe(true);
    expect(checked('Cửa khẩu Tân Thanh')).toBe(false);
    expect((composer.querySelector('input[name="direction"][value="export"]') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('category-fresh_fruit') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('category-agricultural') as HTMLInputElement).checked).toBe(false);
    expect(input('from').value).toBe('11/02/2022 00:00');
    expect(input('until').value).toBe('13/02/2022 00:00');
    // The reason, written from the figures in both languages.
    expect(input('reasonVi').value).toBe(
      'Theo dự báo hàng chờ, bãi xe cửa khẩu quốc tế Hữu Nghị sẽ đạt 90% sức chứa lúc 14:00 10/02/2022 (cao nhất 129%). Tạm dừng tiếp nhận hoa quả tươi xuất khẩu để giảm ùn ứ tại cửa khẩu.',
    );
    expect(input('reasonEn').value).toContain('Hữu Nghị International Border Gate reach 90% of capacity');
    expect(input('reasonEn').value).toContain('Receipt of fresh fruit for export is suspended');

    fireEvent.click(screen.getByTestId('notice-submit'));
    await waitFor(() => expect(screen.queryByTestId('notice-composer')).toBeNull());
    const issued = calls.filter((c) => c.path === '/api/v1/notices');
    expect(issued).toHaveLength(1);
    expect(NoticeRequest.parse(issued[0]?.body)).toMatchObject({
      recommendationId: REC,
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: '2022-02-11T00:00:00+07:00',
      effectiveUntil: '2022-02-13T00:00:00+07:00',
    });
    expect(stores.notices.getState().byId['TB-2022-001']).toBeDefined();
    // Closing clears the pre-fill: the gate panel's composer starts from its own defaults again.
    expect(stores.view.getState().composePrefill).toBeNull();
  });

  it('a composer opened from a gate panel sends no recommendationId', async () => {
    const stores = renderOperator();
    act(() => stores.view.getState().openComposer('tan-thanh'));
    expect(input('reasonVi').value).toBe('');
    fireEvent.change(input('reasonVi'), { target: { value: 'Ùn ứ' } });
    fireEvent.click(screen.getByTestId('notice-submit'));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/notices')).toBe(true));
    const body = calls.find((c) => c.path === '/api/v1/notices')?.body;
    expect(NoticeRequest.parse(body).recommendationId).toBeUndefined();
    expect(NoticeRequest.parse(body).gateIds).toEqual(['tan-thanh']);
  });

  it('"Bỏ qua" dismisses it on the server and takes it off the list', async () => {
    const stores = renderOperator('en');
    fireEvent.click(screen.getByTestId(`recommendation-dismiss-${REC}`));
    await waitFor(() => expect(screen.queryByTestId(`recommendation-${REC}`)).toBeNull());
    expect(calls).toContainEqual({ method: 'POST', path: `/api/v1/recommendations/${REC}/dismiss`, body: undefined });
    expect(stores.alerts.getState().list.map((a) => a.kind)).toEqual(['queue_over_capacity']);
  });
});

describe('the what-if in the composer', () => {
  it('projects the pre-filled draft at once and says what is left in the yard when the notice ends', async () => {
    renderOperator();
    fireEvent.click(screen.getByTestId(`recommendation-open-${REC}`));
    const summary = await screen.findByTestId('what-if-summary-huu-nghi');
    expect(summary.textContent).toBe('Với thông báo: bãi Hữu Nghị còn 34 xe lúc hết hạn (00:00 13/02), không có: 82.');
    const asked = calls.filter((c) => c.path === '/api/v1/forecast/what-if');
    expect(asked).toHaveLength(1);
    expect(WhatIfRequest.parse(asked[0]?.body)).toMatchObject({ gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], effectiveUntil: '2022-02-13T00:00:00+07:00' });
  });

  it('asks again ~400 ms after the last edit (once for a burst), and not at all while the draft is invalid', async () => {
    renderOperator('en');
    fireEvent.click(screen.getByTestId(`recommendation-open-${REC}`));
    await screen.findByTestId('what-if-summary-huu-nghi');
    expect(screen.getByTestId('what-if-summary-huu-nghi').textContent).toBe('With the notice: 34 trucks left in the Hữu Nghị yard when it ends (00:00 13/02); without: 82.');
    const count = () => calls.filter((c) => c.path === '/api/v1/forecast/what-if').length;
    // No goods at all: not a valid draft, no request, and the composer says what is missing.
    fireEvent.click(screen.getByTestId('category-fresh_fruit'));
    await new Promise((r) => setTimeout(r, 600));
    expect(count()).toBe(1);
    expect(screen.getByTestId('what-if').textContent).toContain('Choose gates, goods and a valid period');
    // Two quick edits: one request, with the last of them.
    fireEvent.click(screen.getByTestId('category-agricultural'));
    fireEvent.click(screen.getByTestId('category-seafood'));
    expect(count()).toBe(1);
    await waitFor(() => expect(count()).toBe(2), { timeout: 2_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(count()).toBe(2);
    const last = calls.filter((c) => c.path === '/api/v1/forecast/what-if').pop();
    expect(WhatIfRequest.parse(last?.body).categories).toEqual(['agricultural', 'seafood']);
  });
});
