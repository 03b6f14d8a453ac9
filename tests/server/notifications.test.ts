import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationList } from '../../shared/declarations.ts';
import { LiveNotification } from '../../shared/live.ts';
import { Notice } from '../../shared/notices.ts';
import { NotificationList, ReadResponse } from '../../shared/notifications.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { ENTERPRISE_A, ENTERPRISE_B, eventsAt, NOW } from '../helpers/people-seed.ts';
import { iso } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// The notification centre against the real server on both stores: what each role hears (and what it
// must not), live and in GET /notifications, read state per user, and that it all survives a restart.

const A = `enterprise:${ENTERPRISE_A.taxCode}`;

describe.each(STORES)('notifications (%s)', (store) => {
  let server: TestServer;
  const dataDir = `${process.env.TMPDIR ?? '/tmp'}/cks-notify-${store}-${process.pid}`;
  let databaseUrl: string | undefined;
  const config = demoConfig();
  config.notifications.worklistThreshold = 4;
  const consoles: Console[] = [];
  const heard = new Map<string, LiveNotification[]>();
  let tokens: Record<'a' | 'b' | 'op' | 'guard' | 'quarantine', string>;

  const listen = async (who: string, token: string): Promise<void> => {
    const c = await connectConsole(server.url, token);
    consoles.push(c);
    heard.set(who, []);
    c.socket.on('notification', (m: unknown) => heard.get(who)?.push(LiveNotification.parse(m)));
  };
  const list = async (token: string): Promise<NotificationList> => NotificationList.parse((await api(server.url, 'GET', '/notifications', token)).json);
  const kinds = (who: string): string[] => (heard.get(who) ?? []).map((n) => n.kind);

  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW }, config, dataDir });
    databaseUrl = server.databaseUrl;
    for (const gate of ['huu-nghi', 'tan-thanh']) await postEvents(server.url, demoKeys()[gate], ndjson(eventsAt(gate)));
    tokens = {
      a: await login(server.url, 'dn.hoaquaxanh'),
      b: await login(server.url, 'dn.vantaibactrung'),
      op: await login(server.url, 'sct.vanhanh'),
      guard: await login(server.url, 'bp.huunghi'),
      quarantine: await login(server.url, 'kd.huunghi'),
    };
    for (const [who, token] of Object.entries(tokens)) await listen(who, token);
  });
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await server.stop();
    const { rmSync } = await import('node:fs');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a notice in force tells each enterprise of its own covered trucks, live and in its list; cards carry the notice', async () => {
    const res = await api(server.url, 'POST', '/notices', tokens.op, {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: iso(NOW - 60_000),
      reason: { vi: 'Tạm dừng tiếp nhận hoa quả tươi' },
    });
    expect(res.status).toBe(201);
    const notice = Notice.parse(res.json);
    await until(() => kinds('a').includes('notice_started') && kinds('b').includes('notice_started'));
    const forA = heard.get('a')?.find((n) => n.kind === 'notice_started');
    expect(forA).toMatchObject({ id: `notice_started:${notice.id}:${ENTERPRISE_A.taxCode}`, audience: A, params: { plates: ['12C-111.11'], trucks: 1 } });
    // No enterprise hears of another's trucks.
    expect(JSON.stringify(heard.get('a'))).not.toContain('12C-555.55');
    expect(JSON.stringify(heard.get('b'))).not.toContain('12C-111.11');
    expect(kinds('op')).toEqual([]);
    const mine = await list(tokens.a);
    // Newest first; HN-3 was cleared when the gate sent its events.
    expect(mine.notifications.map((n) => n.id)).toEqual([`notice_started:${notice.id}:${ENTERPRISE_A.taxCode}`, 'truck_cleared:HN-3']);
    expect(mine.unread).toBe(2);
    const cards = DeclarationList.parse((await api(server.url, 'GET', '/my/declarations', tokens.a)).json).declarations;
    expect(cards.find((d) => d.declarationId === 'HN-1')?.coveringNotices).toEqual([notice.id]);
    expect(cards.find((d) => d.declarationId === 'HN-3')?.coveringNotices).toBeUndefined(); // cleared

    expect((await api(server.url, 'POST', `/notices/${notice.id}/lift`, tokens.op)).status).toBe(200);
    await until(() => kinds('a').includes('notice_ended'));
    expect((await list(tokens.a)).unread).toBe(3);
  });

  it('a rejection reaches the owner with its note; a clearance the owner only', async () => {
    const rejected = await api(server.url, 'POST', '/declarations/HN-1/checks', tokens.quarantine, { force: 'quarantine', result: 'rejected', note: 'thiếu giấy kiểm dịch' });
    expect(rejected.status).toBe(201);
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([{ eventId: 'HN-5-cleared', type: 'cleared', declarationId: 'HN-5', gateId: 'huu-nghi', occurredAt: iso(NOW - 1_000) }]));
    await until(() => kinds('a').includes('check_rejected') && kinds('b').includes('truck_cleared'));
    expect(heard.get('a')?.find((n) => n.kind === 'check_rejected')?.params).toMatchObject({ declarationId: 'HN-1', force: 'quarantine', note: 'thiếu giấy kiểm dịch' });
    const forA = await list(tokens.a);
    expect(forA.notifications.map((n) => n.id)).not.toContain('truck_cleared:HN-5');
    expect(JSON.stringify(forA)).not.toContain('HN-5');
    expect((await list(tokens.b)).notifications.map((n) => n.id)).toContain('truck_cleared:HN-5');
    expect(JSON.stringify(await list(tokens.b))).not.toContain('thiếu giấy');
  });

  it("a force hears when its gate's worklist reaches the threshold; an enterprise or another gate does not", async () => {
    // Hữu Nghị's border guard has HN-1 and HN-2 waiting (HN-5 left); two more arrive: 4 = the threshold.
    const more = ['HN-7', 'HN-8'].flatMap((id, i) => [
      { eventId: `${id}-declared`, type: 'declared', declarationId: id, gateId: 'huu-nghi', occurredAt: iso(NOW - 600_000), direction: 'import', vehicle: { plate: `29H-70${i}.00`, country: 'VN' }, enterprise: ENTERPRISE_B, cargo: { description: 'máy', category: 'machinery_electronics', weightKg: 1000, valueUsd: 1, localGoods: false } },
      { eventId: `${id}-arrived`, type: 'arrived', declarationId: id, gateId: 'huu-nghi', occurredAt: iso(NOW - 300_000) },
    ]);
    expect((await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(more))).status).toBe(200);
    await until(() => kinds('guard').includes('worklist_threshold'));
    expect(heard.get('guard')?.[0]).toMatchObject({ audience: 'force:huu-nghi:border_guard', params: { gateId: 'huu-nghi', count: 4, threshold: 4 } });
    expect(kinds('a')).not.toContain('worklist_threshold');
    expect((await list(tokens.guard)).notifications).toHaveLength(1);
  });

  it('read state is per user: one, then all', async () => {
    const before = await list(tokens.a);
    expect(before.unread).toBe(4);
    const first = before.notifications[0]?.id ?? '';
    const one = ReadResponse.parse((await api(server.url, 'POST', '/notifications/read', tokens.a, { ids: [first] })).json);
    expect(one.unread).toBe(3);
    expect((await list(tokens.a)).notifications.find((n) => n.id === first)?.read).toBe(true);
    expect(ReadResponse.parse((await api(server.url, 'POST', '/notifications/read', tokens.a, { all: true })).json).unread).toBe(0);
    expect((await api(server.url, 'POST', '/notifications/read', tokens.a, { ids: [] })).status).toBe(400);
    expect((await api(server.url, 'GET', '/notifications')).status).toBe(401);
    expect((await list(tokens.b)).unread).toBeGreaterThan(0);
  });

  it('everything is still there after a restart, with nothing created twice', async () => {
    const before = { a: await list(tokens.a), b: await list(tokens.b) };
    await server.stop();
    server = await startTestServer({ store, clock: { now: () => NOW }, config, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
    // Touch the cleared truck again: the same fact, the same id, nothing new.
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([{ eventId: 'HN-5-late-check', type: 'checked', declarationId: 'HN-5', gateId: 'huu-nghi', occurredAt: iso(NOW - 500), force: 'customs', result: 'confirmed' }]));
    await server.app.notifier.flush();
    const after = { a: await list(tokens.a), b: await list(tokens.b) };
    expect(after).toEqual(before);
    expect(after.a.unread).toBe(0);
  });
});
