import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { connectConsole, until, type Console } from '../helpers/people.ts';
import { at, declared } from '../helpers/truck-events.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Malformed or flooding live clients are cut off; a well-behaved console beside them still gets its
// deltas. Clients may only send `resync`, at most a burst of 10 then 1 a second, in messages ≤ 16 KiB.

describe('live clients that misbehave', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  let good: Console;
  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => at('2022-01-10 14:00') } });
    good = await connectConsole(server.url);
    sockets.push(good.socket);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server.stop();
  });

  /** A raw client: resolves with the reason it was disconnected for. */
  const connectRaw = async (): Promise<{ socket: Socket; closed: Promise<string>; snapshots: () => number }> => {
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    let snapshots = 0;
    socket.on('snapshot', () => void (snapshots += 1));
    const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => {
      socket.once('snapshot', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, closed, snapshots: () => snapshots };
  };

  let n = 0;
  const deltaArrivesForGood = async (): Promise<void> => {
    const before = good.deltas.length;
    const id = `LIVE-${n++}`;
    const res = await postEvents(server.url, demoKeys()['huu-nghi'] ?? '', ndjson([declared(id, at('2022-01-10 13:00'))]));
    expect(res.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    // Generous bound for a loaded machine; the contract's 1 s is measured elsewhere.
    await until(() => good.deltas.length > before, 5_000);
    expect(good.deltas.at(-1)?.gates?.map((g) => g.id)).toContain('huu-nghi');
  };

  it('cuts off a client that sends events other than resync', async () => {
    const bad = await connectRaw();
    bad.socket.emit('hack', { __proto__: { admin: true }, rooms: ['operator'] });
    expect(await bad.closed).toBe('io server disconnect');
    await deltaArrivesForGood();
  });

  it('cuts off a client that sends garbage packets or oversized messages', async () => {
    const garbage = await connectRaw();
    // Straight onto the engine.io transport: not a Socket.IO packet at all.
    garbage.socket.io.engine.send('this is not a socket.io packet {{{');
    expect(await garbage.closed).toMatch(/server disconnect|transport close|parse error/);

    const huge = await connectRaw();
    huge.socket.emit('resync', 'x'.repeat(200_000));
    expect(await huge.closed).toMatch(/transport close|transport error/);
    await deltaArrivesForGood();
  });

  it('cuts off a resync flood after a small burst while another console still gets its deltas', async () => {
    const flooder = await connectRaw();
    for (let i = 0; i < 5_000; i++) flooder.socket.emit('resync');
    const reason = await flooder.closed;
    expect(['io server disconnect', 'transport close']).toContain(reason);
    // The first snapshot plus at most the burst of resyncs were answered.
    expect(flooder.snapshots()).toBeLessThanOrEqual(1 + 10);
    await deltaArrivesForGood();
    // A normal client may still resync now and then.
    const before = good.snapshots.length;
    good.socket.emit('resync');
    await until(() => good.snapshots.length > before, 5_000);
  });

  it('has not been disconnected itself', () => {
    expect(good.socket.connected).toBe(true);
  });
});
