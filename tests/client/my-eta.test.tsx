// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeclarationView } from '../../shared/index.ts';
import { MyTrucks } from '../../client/src/features/mine/MyTrucks.tsx';
import { createI18n } from '../../client/src/i18n/index.ts';
import { attachFeed, type LivePort } from '../../client/src/socket/feed.ts';
import { createStores, StoresProvider, type Stores } from '../../client/src/stores/index.tsx';
import { gateStatus } from './fixtures.ts';

// An enterprise's trucks not yet cleared say when they should clear, with the range and the trucks of their
// lane ahead — and move live when the server sends a new estimate (delta `myEtas`).

const AS_OF = '2022-02-12T08:00:00+07:00';

const truck = (id: string, state: DeclarationView['state'], eta?: DeclarationView['eta']): DeclarationView => ({
  declarationId: id,
  gateId: 'huu-nghi',
  direction: 'export',
  state,
  vehicle: { plate: `12C-${id}`, country: 'VN' },
  enterprise: { taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh' },
  cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false },
  declaredAt: '2022-02-11T08:00:00+07:00',
  ...(state === 'queued' ? { arrivedAt: '2022-02-12T06:00:00+07:00', queuePosition: 10 } : {}),
  ...(state === 'cleared' ? { arrivedAt: '2022-02-12T06:00:00+07:00', clearedAt: '2022-02-12T07:00:00+07:00', waitingMinutes: 60 } : {}),
  checks: [],
  events: [],
  ...(eta ? { eta } : {}),
});

function renderMine(lang: 'vi' | 'en'): { stores: Stores; delta: (payload: unknown) => void } {
  const stores = createStores();
  const handlers: Record<string, (p?: unknown) => void> = {};
  const port: LivePort = {
    onSnapshot: (fn) => void (handlers['snapshot'] = fn),
    onDelta: (fn) => void (handlers['delta'] = fn),
    onConnect: () => undefined,
    onDisconnect: () => undefined,
    onHeartbeat: () => undefined,
    requestResync: () => undefined,
  };
  attachFeed(port, stores, { log: () => undefined });
  handlers['snapshot']?.({
    seq: 1,
    asOf: AS_OF,
    gates: [gateStatus('huu-nghi', 10)],
    notices: [],
    myDeclarations: [
      truck('100.01', 'queued', { at: '2022-02-12T14:00:00+07:00', earliest: '2022-02-12T11:00:00+07:00', latest: '2022-02-12T18:00:00+07:00', ahead: 9 }),
      truck('100.02', 'expected', { at: '2022-02-12T22:00:00+07:00', earliest: '2022-02-12T19:30:00+07:00', latest: '2022-02-13T03:00:00+07:00' }),
      truck('100.03', 'cleared'),
    ],
  });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <StoresProvider stores={stores}>
        <MyTrucks />
      </StoresProvider>
    </I18nextProvider>,
  );
  return { stores, delta: (payload) => act(() => handlers['delta']?.(payload)) };
}

afterEach(cleanup);

describe('ETA on an enterprise’s trucks', () => {
  it('reads "Dự kiến thông quan: 14:00 12/02 (11:00–18:00)" and the trucks of its lane ahead; the range names another day', () => {
    renderMine('vi');
    expect(screen.getByTestId('my-eta-100.01').textContent).toBe('Dự kiến thông quan:14:00 12/02 (11:00–18:00)còn 9 xe cùng luồng phía trước');
    expect(screen.getByTestId('my-eta-100.02').textContent).toBe('Dự kiến thông quan:22:00 12/02 (19:30–03:00 13/02)');
    // A cleared truck has none.
    expect(screen.queryByTestId('my-eta-100.03')).toBeNull();
  });

  it('moves live when the server sends a new estimate, and goes when it sends none', () => {
    const { delta } = renderMine('en');
    expect(screen.getByTestId('my-eta-100.01').textContent).toBe('Expected clearance:14:00 12/02 (11:00–18:00)9 trucks of its lane ahead');
    delta({
      seq: 2,
      baseSeq: 1,
      asOf: AS_OF,
      myEtas: [
        { declarationId: '100.01', eta: { at: '2022-02-12T12:00:00+07:00', earliest: '2022-02-12T10:30:00+07:00', latest: '2022-02-12T15:00:00+07:00', ahead: 1 } },
        { declarationId: '100.02', eta: null },
        { declarationId: 'someone-elses', eta: { at: AS_OF, earliest: AS_OF, latest: AS_OF } },
      ],
    });
    expect(screen.getByTestId('my-eta-100.01').textContent).toBe('Expected clearance:12:00 12/02 (10:30–15:00)1 truck of its lane ahead');
    expect(screen.queryByTestId('my-eta-100.02')).toBeNull();
    // Cleared in a later delta (a whole value without an ETA): the estimate goes with it.
    delta({ seq: 3, baseSeq: 2, asOf: AS_OF, myDeclarations: [truck('100.01', 'cleared')] });
    expect(screen.queryByTestId('my-eta-100.01')).toBeNull();
  });
});
