import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclarationList, DeclarationView } from '../../shared/declarations.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { ENTERPRISE_A, eventsAt, NOW, truckEvents } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { at, iso } from '../helpers/truck-events.ts';

// Amendments over HTTP, on both stores: a trader corrects a plate in the console and the border force
// sees it at once; another enterprise's truck is not found; nothing after clearing; the notice loophole is
// closed; a gate's own `amended` events count the same; a restart keeps every figure.

describe.each(STORES)('amendments (%s)', (store) => {
  let server: TestServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'cks-amend-'));
  const tokens: Record<string, string> = {};
  const consoles: Console[] = [];
  const key = demoKeys()['huu-nghi'];

  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW }, dataDir });
    await postEvents(server.url, key, ndjson(eventsAt('huu-nghi')));
    for (const u of ['sct.vanhanh', 'hq.huunghi', 'dn.hoaquaxanh', 'dn.vantaibactrung']) tokens[u] = await login(server.url, u);
  });
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a trader corrects a plate; the force’s worklist gets the new plate live; look-up finds it by both plates', async () => {
    const force = await connectConsole(server.url, tokens['hq.huunghi']);
    consoles.push(force);
    const res = await api(server.url, 'POST', '/declarations/HN-1/amendments', tokens['dn.hoaquaxanh'], { changes: { vehicle: { plate: '12C-111.12' } } });
    expect(res.status).toBe(201);
    const view = DeclarationView.parse(res.json);
    expect(view.vehicle.plate).toBe('12C-111.12');
    expect(view.amendments).toEqual([expect.objectContaining({ field: 'vehicle.plate', from: '12C-111.11', to: '12C-111.12', by: 'dn.hoaquaxanh', counts: true })]);
    expect(view.events.map((e) => e.type)).toContain('amended');
    await until(() => force.deltas.some((d) => d.worklist?.upsert.some((i) => i.declarationId === 'HN-1' && i.plate === '12C-111.12')));
    for (const plate of ['12C11112', '12c-111.11']) {
      const found = DeclarationList.parse((await api(server.url, 'GET', `/vehicles?plate=${plate}`, tokens['hq.huunghi'])).json);
      expect(found.declarations.map((d) => d.declarationId), plate).toEqual(['HN-1']);
    }
    const audit = await api(server.url, 'GET', '/audit?action=declaration_amended', tokens['sct.vanhanh']);
    expect(audit.json).toMatchObject({ entries: [{ actor: 'dn.hoaquaxanh', target: 'HN-1' }] });
  });

  it('refuses what is not the trader’s to change, or no longer changeable', async () => {
    expect((await api(server.url, 'POST', '/declarations/HN-1/amendments', tokens['dn.vantaibactrung'], { changes: { cargo: { valueUsd: 1 } } })).status).toBe(404);
    expect((await api(server.url, 'POST', '/declarations/HN-1/amendments', tokens['hq.huunghi'], { changes: { cargo: { valueUsd: 1 } } })).status).toBe(403);
    expect((await api(server.url, 'POST', '/declarations/HN-1/amendments', tokens['dn.hoaquaxanh'], { changes: { direction: 'import' } })).status).toBe(400);
    expect((await api(server.url, 'POST', '/declarations/HN-1/amendments', tokens['dn.hoaquaxanh'], { changes: {} })).status).toBe(400);
    const cleared = await api(server.url, 'POST', '/declarations/HN-3/amendments', tokens['dn.hoaquaxanh'], { changes: { cargo: { valueUsd: 1 } } });
    expect(cleared.status).toBe(409);
    expect(cleared.json).toMatchObject({ error: 'conflict', message: expect.stringContaining('can no longer be amended') });
  });

  it('closes the notice loophole and takes a gate’s own amendments', async () => {
    const notice = await api(server.url, 'POST', '/notices', tokens['sct.vanhanh'], {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: iso(NOW - 60_000),
      reason: { vi: 'Tạm dừng tiếp nhận trái cây' },
    });
    expect(notice.status).toBe(201);
    const noticeId = (notice.json as { id: string }).id;
    await postEvents(server.url, key, ndjson(truckEvents({ id: 'HN-30', gateId: 'huu-nghi', direction: 'export', plate: '12C-300.00', owner: ENTERPRISE_A, category: 'agricultural', declaredAt: at('2022-01-10 12:00') })));
    const sneaky = await api(server.url, 'POST', '/declarations/HN-30/amendments', tokens['dn.hoaquaxanh'], { changes: { cargo: { category: 'fresh_fruit' } } });
    expect(sneaky.status).toBe(409);
    expect(sneaky.json).toMatchObject({ error: 'not_receiving', noticeId, message: expect.stringContaining(noticeId) });
    const fromGate = await postEvents(server.url, key, ndjson([{ eventId: 'gate-amd-1', type: 'amended', declarationId: 'HN-30', gateId: 'huu-nghi', occurredAt: iso(NOW), changes: { cargo: { category: 'fresh_fruit' } } }]));
    expect(fromGate.json).toMatchObject({ accepted: 0, rejected: [{ code: 'not_receiving', noticeId }] });
    const fine = await postEvents(server.url, key, ndjson([{ eventId: 'gate-amd-2', type: 'amended', declarationId: 'HN-30', gateId: 'huu-nghi', occurredAt: iso(NOW), changes: { cargo: { weightKg: 18_500, hsCode: '0810' } } }]));
    expect(fine.json).toMatchObject({ accepted: 1 });
    const view = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-30', tokens['dn.hoaquaxanh'])).json);
    expect(view.cargo).toMatchObject({ weightKg: 18_500, hsCode: '0810', category: 'agricultural' });
  });

  it('a restart keeps every figure and every change', async () => {
    const read = async () => ({
      gates: (await api(server.url, 'GET', '/gates')).json,
      trade: (await api(server.url, 'GET', '/trade?from=2022-01-01&to=2022-01-31', tokens['sct.vanhanh'])).json,
      hn1: (await api(server.url, 'GET', '/declarations/HN-1', tokens['sct.vanhanh'])).json,
      hn30: (await api(server.url, 'GET', '/declarations/HN-30', tokens['sct.vanhanh'])).json,
      byOldPlate: (await api(server.url, 'GET', '/vehicles?plate=12C11111', tokens['sct.vanhanh'])).json,
    });
    const before = await read();
    const { databaseUrl } = server;
    await server.stop();
    server = await startTestServer({ store, clock: { now: () => NOW }, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
    for (const u of Object.keys(tokens)) tokens[u] = await login(server.url, u);
    expect(await read()).toEqual(before);
  });
});
