import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { Delta, Snapshot } from '../../shared/live.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// Two real Socket.IO clients: a snapshot on connect, then one delta carrying the posted batch.

interface Received {
  snapshots: Snapshot[];
  deltas: Delta[];
}

function connect(url: string): { socket: Socket; got: Received } {
  const got: Received = { snapshots: [], deltas: [] };
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  socket.on('snapshot', (m: unknown) => got.snapshots.push(Snapshot.parse(m)));
  socket.on('delta', (m: unknown) => got.deltas.push(Delta.parse(m)));
  return { socket, got };
}

async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(STORES)('live stream (%s)', (store) => {
  let server: TestServer;
  const clients: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => at('2022-01-10 14:00') } });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop();
  });

  it('sends a snapshot, then a delta with the changed gate to every client', async () => {
    const a = connect(server.url);
    const b = connect(server.url);
    clients.push(a.socket, b.socket);
    await until(() => a.got.snapshots.length === 1 && b.got.snapshots.length === 1);
    const before = a.got.snapshots[0];
    expect(before?.gates.map((g) => g.id)).toEqual(['huu-nghi', 'tan-thanh', 'chi-ma']);

    const t = at('2022-01-10 09:00');
    const sentAt = Date.now();
    const res = await postEvents(server.url, demoKeys()['tan-thanh'], ndjson([
      declared('TT-1', t, { gateId: 'tan-thanh', direction: 'import' }),
      lifecycle('arrived', 'TT-1', t + 60_000, 'tan-thanh'),
    ]));
    expect(res.json).toMatchObject({ accepted: 2 });

    for (const { got } of [a, b]) {
      await until(() => got.deltas.length > 0);
      const delta = got.deltas[0];
      expect(Date.now() - sentAt).toBeLessThan(1_000);
      expect(delta?.baseSeq).toBeLessThanOrEqual(before?.seq ?? -1);
      expect(delta?.seq).toBeGreaterThan(before?.seq ?? Infinity);
      expect(delta?.gates?.map((g) => [g.id, g.queue])).toEqual([['tan-thanh', { export: 0, import: 1 }]]);
    }
  });

  it('a client that connects between a commit and the next delta gets no delta repeating what its snapshot has', async () => {
    // A first delta, so the next one waits out the 250 ms interval; the second batch commits inside it.
    const t = at('2022-01-10 10:00');
    const watcher = connect(server.url);
    clients.push(watcher.socket);
    await until(() => watcher.got.snapshots.length === 1);
    await postEvents(server.url, demoKeys()['chi-ma'], ndjson([declared('CM-1', t, { gateId: 'chi-ma' })]));
    await until(() => watcher.got.deltas.length === 1);
    await postEvents(server.url, demoKeys()['chi-ma'], ndjson([declared('CM-2', t + 1_000, { gateId: 'chi-ma' })]));
    const late = connect(server.url);
    clients.push(late.socket);
    await until(() => late.got.snapshots.length === 1);
    const snap = late.got.snapshots[0];
    expect(snap?.gates.find((g) => g.id === 'chi-ma')?.expected.export).toBe(2);
    await until(() => watcher.got.deltas.length === 2); // the flush carrying CM-2 went out
    await postEvents(server.url, demoKeys()['chi-ma'], ndjson([declared('CM-3', t + 2_000, { gateId: 'chi-ma' })]));
    await until(() => late.got.deltas.length > 0);
    // Every delta it gets moves it past its snapshot's seq, from a base it has.
    for (const d of late.got.deltas) {
      expect(d.baseSeq).toBeLessThanOrEqual(snap?.seq ?? -1);
      expect(d.seq).toBeGreaterThan(snap?.seq ?? Infinity);
    }
    expect(late.got.deltas.at(-1)?.gates?.find((g) => g.id === 'chi-ma')?.expected.export).toBe(3);
  });

  it('answers resync with a fresh snapshot at the current version', async () => {
    const c = connect(server.url);
    clients.push(c.socket);
    await until(() => c.got.snapshots.length === 1);
    c.socket.emit('resync');
    await until(() => c.got.snapshots.length === 2);
    // seq is the journal position: the five events stored so far.
    expect(c.got.snapshots[1]?.seq).toBe(5);
    expect(c.got.snapshots[1]?.gates.find((g) => g.id === 'tan-thanh')?.queue.import).toBe(1);
  });
});
