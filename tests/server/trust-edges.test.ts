import express from 'express';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectRaw } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Notice } from '../../shared/notices.ts';
import { createPlateIndex, plateSearchKey } from '../../server/domain/index.ts';
import { staticConsole } from '../../server/http/routes/static-console.ts';
import viteConfig from '../../vite.config.ts';
import { api, connectConsole, login, manualClock, until, type Console } from '../helpers/people.ts';
import { at, declared } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The smaller findings of the attack (issue 8, defect 5): the cut-off count, operators' names on public
// notices, plate search by scan, source maps in production.

const servers: TestServer[] = [];
const consoles: Console[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of consoles.splice(0)) c.socket.close();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function start(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(opts);
  servers.push(server);
  return server;
}

const cutOffCount = async (url: string, reason: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^cks_live_sockets_cut_off\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
};

describe('live clients cut off', () => {
  it('counts a client once, however many frames it sent before it was cut', async () => {
    const server = await start();
    expect(await cutOffCount(server.url, 'unknown_event')).toBe(0);
    const socket = connectRaw(server.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    for (let i = 0; i < 10; i++) socket.emit('join', `operator-${i}`);
    await gone;
    expect(await cutOffCount(server.url, 'unknown_event')).toBe(1);
    socket.close();
  });
});

describe('notices name the office to the public and traders, the person to staff', () => {
  const NoticeList = z.object({ notices: z.array(Notice) });
  it('over HTTP and live, on issue and on lift', async () => {
    const clock = manualClock(at('2022-01-10 08:00'));
    const server = await start({ clock });
    const office = demoConfig().office;
    const operator = await login(server.url, 'sct.vanhanh');
    const force = await login(server.url, 'hq.huunghi');
    const trader = await login(server.url, 'dn.hoaquaxanh');
    const [publicBoard, traderBoard, forceBoard, operatorBoard] = await Promise.all([
      connectConsole(server.url),
      connectConsole(server.url, trader),
      connectConsole(server.url, force),
      connectConsole(server.url, operator),
    ]);
    consoles.push(publicBoard, traderBoard, forceBoard, operatorBoard);
    const issued = await api(server.url, 'POST', '/notices', operator, {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: '2022-01-10T10:00:00+07:00',
      reason: { vi: 'Tạm dừng nhận thanh long' },
    });
    expect(issued.status).toBe(201);
    const id = Notice.parse(issued.json).id;
    expect((await api(server.url, 'POST', `/notices/${id}/lift`, operator)).status).toBe(200);

    const read = async (token?: string) => NoticeList.parse((await api(server.url, 'GET', '/notices', token)).json).notices.find((n) => n.id === id);
    for (const token of [undefined, trader]) expect(await read(token)).toMatchObject({ issuedBy: office, liftedBy: office });
    for (const token of [force, operator]) expect(await read(token)).toMatchObject({ issuedBy: 'sct.vanhanh', liftedBy: 'sct.vanhanh' });

    const lastNotice = (c: Console) => c.deltas.flatMap((d) => d.notices ?? []).filter((n) => n.id === id).at(-1);
    await until(() => [publicBoard, traderBoard, forceBoard, operatorBoard].every((c) => lastNotice(c)?.liftedBy !== undefined));
    for (const c of [publicBoard, traderBoard]) {
      expect(lastNotice(c)).toMatchObject({ issuedBy: office, liftedBy: office });
      expect(c.raw.join('\n')).not.toContain('sct.vanhanh');
    }
    for (const c of [forceBoard, operatorBoard]) expect(lastNotice(c)).toMatchObject({ issuedBy: 'sct.vanhanh', liftedBy: 'sct.vanhanh' });
    // A console that connects now: the snapshot too.
    const late = await connectConsole(server.url);
    consoles.push(late);
    expect(late.snapshots[0]?.notices.find((n) => n.id === id)).toMatchObject({ issuedBy: office });
  });
});

describe('plate search is indexed', () => {
  // Brute force with the same rule: the key of the query is contained in the key of the plate (whole key below 3).
  const scan = (plates: [string, string][], query: string): Set<string> => {
    const key = plateSearchKey(query);
    return new Set(plates.filter(([p]) => (Array.from(key).length >= 3 ? plateSearchKey(p).includes(key) : plateSearchKey(p) === key)).map(([, id]) => id));
  };
  const plateChar = fc.constantFrom(...'0123456789ABCHLM-. 桂粤'.split(''));
  const plate = fc.array(plateChar, { minLength: 2, maxLength: 10 }).map((a) => a.join(''));

  it('finds exactly what a scan of every plate finds', () => {
    fc.assert(
      fc.property(fc.array(plate, { maxLength: 60 }), fc.array(plate, { minLength: 1, maxLength: 10 }), (plates, queries) => {
        const index = createPlateIndex();
        const pairs = plates.map((p, i): [string, string] => [p, `D${i}`]);
        for (const [p, id] of pairs) index.add(p, id);
        for (const q of [...queries, ...plates.slice(0, 3).map((p) => p.slice(1, 5))]) expect(index.find(q)).toEqual(scan(pairs, q));
      }),
      { numRuns: 300 },
    );
  });

  it('GET /vehicles finds “64r52281” for 64R-522.81, as the worklist does', async () => {
    const server = await start();
    const event = { ...declared('PL-1', at('2022-01-10 08:00')), vehicle: { plate: '64R-522.81', country: 'VN' } };
    expect((await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([event]))).json).toMatchObject({ accepted: 1 });
    const operator = await login(server.url, 'sct.vanhanh');
    for (const q of ['64r52281', '64R-522.81', '522.8', '64 r 522']) {
      const res = await api(server.url, 'GET', `/vehicles?plate=${encodeURIComponent(q)}`, operator);
      expect(res.json).toMatchObject({ declarations: [expect.objectContaining({ declarationId: 'PL-1' })] });
    }
    expect((await api(server.url, 'GET', '/vehicles?plate=--', operator)).status).toBe(400);
  });
});

describe('no source maps in production', () => {
  it('the build writes none, and the server refuses any *.map it finds', async () => {
    expect(viteConfig.build?.sourcemap).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'cks-static-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'app.js.map'), '{"version":3}');
    const app = express().use(staticConsole(dir));
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((r) => listener.once('listening', r));
    const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/app.js`)).status).toBe(200);
      expect((await fetch(`${url}/app.js.map`)).status).toBe(404);
    } finally {
      listener.close();
    }
  });
});
