// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDraft, initialForm } from '../../client/src/features/notices/draft.ts';
import { NoticeComposer } from '../../client/src/features/notices/NoticeComposer.tsx';
import { createI18n } from '../../client/src/i18n/index.ts';
import { createStores, StoresProvider } from '../../client/src/stores/index.tsx';
import { gateStatus, whatIfResponse } from './fixtures.ts';

// The notice form: pre-filled scope, rules before sending, and the live preview "as an enterprise reads it".

const TZ = 'Asia/Ho_Chi_Minh';

// The composer asks for a what-if of its draft: answer it here, never over the network.
beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(whatIfResponse()), { status: 200, headers: { 'content-type': 'application/json' } })));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('notice draft', () => {
  it('pre-fills that gate, export, fresh fruit, from the server clock, until empty', () => {
    const form = initialForm('tan-thanh', '2022-01-19T01:15:00Z', TZ);
    expect(form).toMatchObject({ gateIds: ['tan-thanh'], direction: 'export', categories: ['fresh_fruit'], allGoods: false, from: '2022-01-19T08:15', until: '' });
  });

  it('requires a Vietnamese reason and an end after the start; builds offset datetimes', () => {
    const form = initialForm('tan-thanh', '2022-01-19T08:15:00+07:00', TZ);
    expect(buildDraft(form, TZ).errors).toEqual(['reason']);
    expect(buildDraft({ ...form, reasonVi: 'x', until: '2022-01-19T08:00' }, TZ).errors).toEqual(['until']);
    const ok = buildDraft({ ...form, reasonVi: ' Ùn ứ ', until: '2022-01-20T17:00' }, TZ);
    expect(ok.draft).toEqual({
      gateIds: ['tan-thanh'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: '2022-01-19T08:15:00+07:00',
      effectiveUntil: '2022-01-20T17:00:00+07:00',
      reason: { vi: 'Ùn ứ' },
    });
    expect(buildDraft({ ...form, reasonVi: 'x', allGoods: true }, TZ).draft?.categories).toBeUndefined();
  });
});

describe('NoticeComposer preview', () => {
  function renderComposer(lang: 'vi' | 'en') {
    const stores = createStores();
    stores.gates.getState().replace([gateStatus('tan-thanh', 5, { name: { vi: 'Cửa khẩu Tân Thanh', en: 'Tân Thanh Border Gate' } })]);
    stores.connection.getState().applied(1, '2022-01-19T08:15:00+07:00');
    render(
      <I18nextProvider i18n={createI18n(lang)}>
        <StoresProvider stores={stores}>
          <NoticeComposer gateId="tan-thanh" />
        </StoresProvider>
      </I18nextProvider>,
    );
  }

  it('shows the notice as an enterprise reads it and follows the form live', () => {
    renderComposer('vi');
    const preview = () => screen.getByTestId('notice-preview').textContent ?? '';
    expect(preview()).toContain('Sở Công Thương tỉnh Lạng Sơn');
    expect(preview()).toContain('Cửa khẩu Tân Thanh');
    expect(preview()).toContain('xuất khẩu');
    expect(preview()).toContain('Hoa quả tươi');
    expect(preview()).toContain('19/01/2022');
    expect(preview()).toContain('cho đến khi có thông báo mới');
    fireEvent.change(document.querySelector('textarea[name="reasonVi"]') as HTMLTextAreaElement, { target: { value: 'Phía Trung Quốc tạm dừng thông quan thanh long' } });
    expect(preview()).toContain('Phía Trung Quốc tạm dừng thông quan thanh long');
    fireEvent.click(screen.getByTestId('all-goods'));
    expect(preview()).toContain('Tất cả hàng hóa');
  });

  it('reads in English with the English reason, falling back to Vietnamese', () => {
    renderComposer('en');
    const preview = () => screen.getByTestId('notice-preview').textContent ?? '';
    fireEvent.change(document.querySelector('textarea[name="reasonVi"]') as HTMLTextAreaElement, { target: { value: 'Ùn ứ tại bãi' } });
    expect(preview()).toContain('Ùn ứ tại bãi');
    fireEvent.change(document.querySelector('textarea[name="reasonEn"]') as HTMLTextAreaElement, { target: { value: 'Yard congestion' } });
    expect(preview()).toContain('Yard congestion');
    expect(preview()).toContain('Fresh fruit');
    expect(preview()).toContain('until further notice');
  });

  it('refuses to send without a reason and says why next to the field', () => {
    renderComposer('vi');
    fireEvent.click(screen.getByTestId('notice-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Nhập lý do bằng tiếng Việt.');
  });
});
