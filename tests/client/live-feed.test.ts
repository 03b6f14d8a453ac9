import { beforeEach, describe, expect, it } from 'vitest';
import { attachFeed, type Feed, type LivePort } from '../../client/src/socket/feed.ts';
import { decideDelta } from '../../client/src/socket/sequence.ts';
import { createStores, type Stores } from '../../client/src/stores/index.tsx';
import { AS_OF, gateStatus } from './fixtures.ts';

// The live feed against a fake socket: snapshot replaces, deltas merge in seq order, a gap asks for a resync.

class FakePort implements LivePort {
  handlers: Record<string, (payload?: unknown) => void> = {};
  resyncs = 0;
  onSnapshot = (fn: (p: unknown) => void) => void (this.handlers.snapshot = fn);
  onDelta = (fn: (p: unknown) => void) => void (this.handlers.delta = fn);
  onConnect = (fn: () => void) => void (this.handlers.connect = fn);
  onDisconnect = (fn: () => void) => void (this.handlers.disconnect = fn);
  onHeartbeat = (fn: () => void) => void (this.handlers.heartbeat = fn);
  requestResync = () => void this.resyncs++;
  fire(event: string, payload?: unknown) {
    const handler = this.handlers[event];
    if (!handler) throw new Error(`no handler for ${event}`);
    handler(payload);
  }
}

const snapshot = (seq: number, queueExport = 100) => ({
  seq,
  asOf: AS_OF,
  gates: [gateStatus('huu-nghi', queueExport), gateStatus('tan-thanh', 50)],
  notices: [],
});
const delta = (seq: number, baseSeq: number, queueExport: number) => ({
  seq,
  baseSeq,
  asOf: AS_OF,
  gates: [gateStatus('tan-thanh', queueExport)],
});

describe('live feed', () => {
  let port: FakePort;
  let stores: Stores;
  let feed: Feed;
  let clock: number;
  const logs: string[] = [];
  const queueOf = (id: string) => stores.gates.getState().byId[id]?.queue.export;

  beforeEach(() => {
    port = new FakePort();
    stores = createStores();
    clock = 1_000_000;
    logs.length = 0;
    feed = attachFeed(port, stores, { now: () => clock, staleAfterMs: 10_000, silenceMs: 60_000, log: (m) => logs.push(m) });
    port.fire('connect');
  });

  it('replaces the gates on a snapshot and goes live', () => {
    port.fire('snapshot', snapshot(5));
    expect(stores.gates.getState().order).toEqual(['huu-nghi', 'tan-thanh']);
    expect(stores.connection.getState()).toMatchObject({ seq: 5, asOf: AS_OF, status: 'live' });
  });

  it('merges a delta whose baseSeq is at or below the current seq', () => {
    port.fire('snapshot', snapshot(5));
    port.fire('delta', delta(6, 5, 51));
    port.fire('delta', delta(8, 4, 53)); // computed from an older version: still safe, whole values
    expect(queueOf('tan-thanh')).toBe(53);
    expect(queueOf('huu-nghi')).toBe(100);
    expect(stores.connection.getState().seq).toBe(8);
    expect(port.resyncs).toBe(0);
  });

  it('applies a delta at its own version (what only the clock moves: whole values)', () => {
    port.fire('snapshot', snapshot(7));
    port.fire('delta', delta(7, 7, 61));
    expect(queueOf('tan-thanh')).toBe(61);
    expect(stores.connection.getState().seq).toBe(7);
    expect(port.resyncs).toBe(0);
  });

  it('ignores an old delta (seq older than what it holds)', () => {
    port.fire('snapshot', snapshot(7));
    port.fire('delta', delta(8, 7, 60));
    port.fire('delta', delta(7, 6, 1));
    expect(queueOf('tan-thanh')).toBe(60);
    expect(stores.connection.getState().seq).toBe(8);
  });

  it('emits resync on a gap, ignores deltas until the fresh snapshot, then resumes', () => {
    port.fire('snapshot', snapshot(5));
    port.fire('delta', delta(9, 8, 99));
    expect(port.resyncs).toBe(1);
    expect(queueOf('tan-thanh')).toBe(50);
    port.fire('delta', delta(10, 9, 77)); // still waiting for the snapshot: no second resync
    expect(port.resyncs).toBe(1);
    port.fire('snapshot', snapshot(10, 300));
    port.fire('delta', delta(11, 10, 78));
    expect(queueOf('huu-nghi')).toBe(300);
    expect(queueOf('tan-thanh')).toBe(78);
  });

  it('rejects and logs malformed messages without touching the stores', () => {
    port.fire('snapshot', snapshot(5));
    port.fire('snapshot', { seq: 'x', gates: 'nope' });
    port.fire('delta', { seq: 6, baseSeq: 5, asOf: AS_OF, gates: [{ id: 'tan-thanh', queue: -1 }] });
    expect(queueOf('tan-thanh')).toBe(50);
    expect(stores.connection.getState().seq).toBe(5);
    expect(logs.some((m) => m.includes('malformed snapshot'))).toBe(true);
    expect(logs.some((m) => m.includes('malformed delta'))).toBe(true);
    expect(port.resyncs).toBe(1); // a lost delta means lost state: ask for a fresh snapshot
  });

  it('reports reconnecting, then stale since the last fresh data, then live again', () => {
    port.fire('snapshot', snapshot(5));
    const freshAt = clock;
    clock += 2_000;
    port.fire('disconnect');
    expect(stores.connection.getState()).toMatchObject({ status: 'reconnecting', staleSince: freshAt });
    clock += 10_000;
    feed.check();
    expect(stores.connection.getState()).toMatchObject({ status: 'stale', staleSince: freshAt });
    port.fire('connect');
    expect(stores.connection.getState().status).toBe('stale'); // not live until the snapshot lands
    port.fire('snapshot', snapshot(6));
    expect(stores.connection.getState()).toMatchObject({ status: 'live', staleSince: null });
  });

  it('goes stale when connected but silent, heartbeats keep it live', () => {
    port.fire('snapshot', snapshot(5));
    clock += 50_000;
    port.fire('heartbeat');
    clock += 50_000;
    feed.check();
    expect(stores.connection.getState().status).toBe('live');
    clock += 10_000;
    feed.check();
    expect(stores.connection.getState().status).toBe('stale');
  });
});

describe('decideDelta', () => {
  it.each([
    [5, 6, 5, 'apply'],
    [5, 6, 3, 'apply'],
    [5, 5, 4, 'apply'],
    [5, 5, 5, 'apply'],
    [5, 4, 3, 'ignore'],
    [5, 7, 6, 'resync'],
    [-1, 1, 0, 'ignore'],
  ] as const)('at %i, delta %i from %i → %s', (seq, deltaSeq, baseSeq, expected) => {
    expect(decideDelta(seq, { seq: deltaSeq, baseSeq })).toBe(expected);
  });
});
