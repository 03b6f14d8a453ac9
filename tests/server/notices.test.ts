import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { Notice } from '../../shared/notices.ts';
import { z } from 'zod';
import { api, connectConsole, login, manualClock, until } from '../helpers/people.ts';
import { at, declared } from '../helpers/truck-events.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận): issue, refuse covered declarations, lift, expire, restart.

const NoticeList = z.object({ notices: z.array(Notice) });
const clock = manualClock(at('2022-01-10 08:00'));
const key = demoKeys()['huu-nghi'];

async function declare(server: TestServer, id: string, atMs: number, o: Parameters<typeof declared>[2] = {}): Promise<BatchResult> {
  const res = await postEvents(server.url, o.gateId === 'tan-thanh' ? demoKeys()['tan-thanh'] : key, ndjson([declared(id, atMs, o)]));
  return BatchResult.parse(res.json);
}

async function gate(server: TestServer, id: string) {
  const res = await api(server.url, 'GET', '/gates');
  return GatesResponse.parse(res.json).gates.find((g) => g.id === id);
}

describe.each(STORES)('stop-receiving notices (%s)', (store) => {
  let server: TestServer;
  let operator: string;
  let fruit: Notice; // huu-nghi, export, fresh fruit, 10:00–18:00
  let closed: Notice; // huu-nghi, both directions, all goods, 09:00–, lifted later

  beforeAll(async () => {
    clock.set(at('2022-01-10 08:00'));
    server = await startTestServer({ store, clock });
    operator = await login(server.url, 'sct.vanhanh');
    // made before any notice: must stay untouched
    expect((await declare(server, 'BEFORE-1', at('2022-01-10 07:00'))).accepted).toBe(1);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('issues numbered notices (201), refuses unknown gates and reversed times naming the field', async () => {
    const res = await api(server.url, 'POST', '/notices', operator, {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: '2022-01-10T10:00:00+07:00',
      effectiveUntil: '2022-01-10T18:00:00+07:00',
      reason: { vi: 'Phía Trung Quốc tạm dừng nhận thanh long', en: 'China side stopped dragon fruit' },
    });
    expect(res.status).toBe(201);
    fruit = Notice.parse(res.json);
    expect(fruit).toMatchObject({ id: 'TB-2022-0001', issuedBy: 'sct.vanhanh', issuedAt: '2022-01-10T08:00:00+07:00', active: false });

    const bad = await api(server.url, 'POST', '/notices', operator, { ...fruit, gateIds: ['huu-nghi', 'mong-cai'] });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'bad_request', message: expect.stringContaining('gateIds.1') });
    const reversed = await api(server.url, 'POST', '/notices', operator, { ...fruit, effectiveUntil: '2022-01-10T09:00:00+07:00' });
    expect(reversed.status).toBe(400);
    expect(reversed.json).toMatchObject({ message: expect.stringContaining('effectiveUntil') });
  });

  it('a covered declaration is refused not_receiving with the notice id while active; the rest is untouched', async () => {
    clock.set(at('2022-01-10 11:00'));
    const refused = await declare(server, 'F-1', at('2022-01-10 11:00'));
    expect(refused.rejected).toEqual([expect.objectContaining({ code: 'not_receiving', noticeId: fruit.id })]);
    // other category, other direction, other gate: accepted
    expect((await declare(server, 'F-2', at('2022-01-10 11:00'), { category: 'seafood' })).accepted).toBe(1);
    expect((await declare(server, 'F-3', at('2022-01-10 11:00'), { direction: 'import' })).accepted).toBe(1);
    expect((await declare(server, 'F-4', at('2022-01-10 11:00'), { gateId: 'tan-thanh' })).accepted).toBe(1);
    // declared before the notice started: accepted
    expect((await declare(server, 'F-5', at('2022-01-10 09:30'))).accepted).toBe(1);
    const before = await api(server.url, 'GET', '/declarations/BEFORE-1', operator);
    expect(before.status).toBe(200);
    const hn = await gate(server, 'huu-nghi');
    expect(hn).toMatchObject({ status: 'restricted', activeNotices: [fruit.id] });
    expect((await gate(server, 'tan-thanh'))?.status).toBe('receiving');
  });

  it('accepted again after the notice expires (clock past effectiveUntil)', async () => {
    clock.set(at('2022-01-10 18:30'));
    expect((await declare(server, 'F-6', at('2022-01-10 18:30'))).accepted).toBe(1);
    expect((await gate(server, 'huu-nghi'))?.status).toBe('receiving');
    const lift = await api(server.url, 'POST', `/notices/${fruit.id}/lift`, operator);
    expect(lift.status).toBe(409);
  });

  it('stopped while a whole-gate notice is active, live delta carries it, accepted after lifting', async () => {
    const anon = await connectConsole(server.url);
    const res = await api(server.url, 'POST', '/notices', operator, {
      gateIds: ['huu-nghi'],
      direction: 'both',
      effectiveFrom: '2022-01-10T18:00:00+07:00',
      reason: { vi: 'Ùn ứ kéo dài' },
    });
    closed = Notice.parse(res.json);
    expect(closed).toMatchObject({ id: 'TB-2022-0002', active: true });
    await until(() => anon.deltas.some((d) => d.notices?.some((n) => n.id === closed.id)));
    const delta = anon.deltas.find((d) => d.notices?.some((n) => n.id === closed.id));
    expect(delta?.gates?.find((g) => g.id === 'huu-nghi')).toMatchObject({ status: 'stopped', activeNotices: [closed.id] });
    const refused = await declare(server, 'C-1', at('2022-01-10 18:40'), { direction: 'import', category: 'machinery_electronics' });
    expect(refused.rejected[0]).toMatchObject({ code: 'not_receiving', noticeId: closed.id });

    clock.set(at('2022-01-10 19:00'));
    const lifted = await api(server.url, 'POST', `/notices/${closed.id}/lift`, operator);
    expect(lifted.status).toBe(200);
    expect(Notice.parse(lifted.json)).toMatchObject({ liftedAt: '2022-01-10T19:00:00+07:00', liftedBy: 'sct.vanhanh', active: false });
    expect((await api(server.url, 'POST', `/notices/${closed.id}/lift`, operator)).status).toBe(409);
    expect((await api(server.url, 'POST', '/notices/TB-2022-9999/lift', operator)).status).toBe(404);
    await until(() => anon.deltas.some((d) => d.notices?.some((n) => n.id === closed.id && n.liftedAt !== undefined)));
    expect((await declare(server, 'C-2', at('2022-01-10 19:00'), { direction: 'import' })).accepted).toBe(1);
    anon.socket.close();
  });

  it('a notice starting later reaches clients when its time comes (refresh every second)', async () => {
    const anon = await connectConsole(server.url);
    const res = await api(server.url, 'POST', '/notices', operator, {
      gateIds: ['tan-thanh'],
      direction: 'import',
      effectiveFrom: '2022-01-10T20:00:00+07:00',
      reason: { vi: 'Tạm dừng nhập khẩu' },
    });
    const later = Notice.parse(res.json);
    expect(later.active).toBe(false);
    clock.set(at('2022-01-10 20:00'));
    const sent = Date.now();
    await until(() => anon.deltas.some((d) => d.notices?.some((n) => n.id === later.id && n.active)), 2_500);
    expect(Date.now() - sent).toBeLessThan(1_600);
    const delta = anon.deltas.find((d) => d.notices?.some((n) => n.id === later.id && n.active));
    expect(delta?.gates?.find((g) => g.id === 'tan-thanh')?.status).toBe('restricted');
    anon.socket.close();
  });

  it('GET /notices lists active and recent ones, newest first; notices survive a restart', async () => {
    const list = NoticeList.parse((await api(server.url, 'GET', '/notices')).json).notices;
    expect(list.map((n) => n.id)).toEqual(['TB-2022-0003', 'TB-2022-0002', 'TB-2022-0001']);
    const dataDir = server.dataDir;
    await server.close(); // keeps the data dir
    const again = await startTestServer({ store, clock, dataDir, ...(server.databaseUrl === undefined ? {} : { databaseUrl: server.databaseUrl }) });
    try {
      const after = NoticeList.parse((await api(again.url, 'GET', '/notices')).json).notices;
      expect(after).toEqual(list);
      const refused = await declare(again, 'R-1', at('2022-01-10 20:30'), { gateId: 'tan-thanh', direction: 'import' });
      expect(refused.rejected[0]).toMatchObject({ code: 'not_receiving', noticeId: 'TB-2022-0003' });
      clock.set(at('2022-02-20 12:00')); // 40 days later: the lifted and expired ones are no longer "recent"
      const later = NoticeList.parse((await api(again.url, 'GET', '/notices')).json).notices;
      expect(later.map((n) => n.id)).toEqual(['TB-2022-0003']);
    } finally {
      await again.stop();
      rmSync(dataDir, { recursive: true, force: true });
      server = again; // afterAll's stop is then a no-op
    }
  });
});
