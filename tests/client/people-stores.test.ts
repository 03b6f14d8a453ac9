import { describe, expect, it } from 'vitest';
import type { DeclarationView, LoginResponse, WorklistItem } from '../../shared/index.ts';
import { attachFeed, type LivePort } from '../../client/src/socket/feed.ts';
import { createStores, sortMine } from '../../client/src/stores/index.tsx';
import { createSessionStore, SESSION_KEY } from '../../client/src/stores/session.ts';
import { AS_OF, gateStatus } from './fixtures.ts';

// The stores behind sign-in, the border-force worklist and an enterprise's own trucks.

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

const login = (expiresAt = '2099-01-01T00:00:00+07:00'): LoginResponse => ({
  token: 'tok-1',
  expiresAt,
  user: { username: 'hq.tanthanh', role: 'border_force', gateId: 'tan-thanh', force: 'customs' },
});

const item = (id: string, arrivedAt: string, plate = '12C-123.45'): WorklistItem => ({
  declarationId: id,
  direction: 'export',
  plate,
  enterpriseName: 'Công ty TNHH Hoa Quả Xanh',
  taxCode: '4900123456',
  cargoDescription: 'Thanh long',
  category: 'fresh_fruit',
  valueUsd: 18_000,
  arrivedAt,
  tasks: ['check'],
  perishable: true,
});

const declaration = (id: string, state: DeclarationView['state'], declaredAt: string): DeclarationView => ({
  declarationId: id,
  gateId: 'tan-thanh',
  direction: 'export',
  state,
  vehicle: { plate: `P-${id}`, country: 'VN' },
  enterprise: { taxCode: '4900123456', name: 'Hoa Quả Xanh' },
  cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false },
  declaredAt,
  checks: [],
  events: [],
});

describe('session store', () => {
  it('signs in, keeps the session in storage, survives a reload, signs out', () => {
    const storage = new MemoryStorage();
    const session = createSessionStore(storage);
    expect(session.getState().user).toBeNull();
    session.getState().signIn(login());
    expect(session.getState().token).toBe('tok-1');
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}')).toMatchObject({ token: 'tok-1' });

    const reloaded = createSessionStore(storage);
    expect(reloaded.getState().user?.username).toBe('hq.tanthanh');

    reloaded.getState().signOut();
    expect(reloaded.getState().token).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('drops an expired or malformed stored session', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, JSON.stringify(login('2022-01-01T00:00:00+07:00')));
    expect(createSessionStore(storage, () => Date.parse('2022-02-01T00:00:00Z')).getState().token).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    storage.setItem(SESSION_KEY, JSON.stringify({ token: 1, user: 'x' }));
    expect(createSessionStore(storage).getState().token).toBeNull();
  });
});

describe('worklist store', () => {
  it('keeps the oldest arrival first through upserts and removals', () => {
    const { worklist } = createStores();
    worklist.getState().replace([item('b', '2022-01-19T09:00:00+07:00'), item('a', '2022-01-19T08:00:00+07:00')]);
    expect(worklist.getState().order).toEqual(['a', 'b']);
    worklist.getState().merge({ upsert: [item('c', '2022-01-19T07:30:00+07:00'), item('b', '2022-01-19T09:00:00+07:00', '桂A12345')], remove: ['a'] });
    expect(worklist.getState().order).toEqual(['c', 'b']);
    expect(worklist.getState().byId['b']?.plate).toBe('桂A12345');
    expect(worklist.getState().byId['a']).toBeUndefined();
  });

  it('a removal of an unknown id changes nothing (no re-render)', () => {
    const { worklist } = createStores();
    worklist.getState().replace([item('a', AS_OF)]);
    const before = worklist.getState();
    worklist.getState().merge({ upsert: [], remove: ['zzz'] });
    expect(worklist.getState()).toBe(before);
  });
});

describe('my declarations store', () => {
  it('merges changed declarations as whole values; unfinished first, newest first', () => {
    const { myDeclarations } = createStores();
    myDeclarations.getState().replace([declaration('1', 'expected', '2022-01-19T08:00:00+07:00'), declaration('2', 'queued', '2022-01-19T07:00:00+07:00')]);
    myDeclarations.getState().merge([declaration('1', 'cleared', '2022-01-19T08:00:00+07:00'), declaration('3', 'queued', '2022-01-19T09:00:00+07:00')]);
    const byId = myDeclarations.getState().byId;
    expect(byId['1']?.state).toBe('cleared');
    expect(sortMine(Object.values(byId)).map((d) => d.declarationId)).toEqual(['3', '2', '1']);
  });
});

describe('live feed, role parts', () => {
  it('snapshot fills worklist/myDeclarations/alerts; delta upserts and removes; a public snapshot clears them', () => {
    const stores = createStores();
    const handlers: Record<string, (p?: unknown) => void> = {};
    const port: LivePort = {
      onSnapshot: (fn) => void (handlers['snapshot'] = fn),
      onDelta: (fn) => void (handlers['delta'] = fn),
      onConnect: (fn) => void (handlers['connect'] = fn),
      onDisconnect: (fn) => void (handlers['disconnect'] = fn),
      onHeartbeat: (fn) => void (handlers['heartbeat'] = fn),
      requestResync: () => undefined,
    };
    attachFeed(port, stores, { log: () => undefined });
    const gates = [gateStatus('tan-thanh', 1)];
    handlers['snapshot']?.({ seq: 1, asOf: AS_OF, gates, notices: [], worklist: [item('a', AS_OF), item('b', AS_OF)] });
    expect(stores.worklist.getState().order).toEqual(['a', 'b']);
    handlers['delta']?.({ seq: 2, baseSeq: 1, asOf: AS_OF, worklist: { upsert: [], remove: ['a'] } });
    expect(stores.worklist.getState().order).toEqual(['b']);
    handlers['snapshot']?.({ seq: 3, asOf: AS_OF, gates, notices: [] });
    expect(stores.worklist.getState().order).toEqual([]);
  });
});
