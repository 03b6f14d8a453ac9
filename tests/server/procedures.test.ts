import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResponse } from '../../shared/audit.ts';
import { DeclarationView, WorklistResponse } from '../../shared/declarations.ts';
import { GatesResponse } from '../../shared/gates.ts';
import { ProceduresResponse, type ProcedureChangeRequest } from '../../shared/procedures.ts';
import { api, login, manualClock } from '../helpers/people.ts';
import { eventsAt, NOW, truckEvents, ENTERPRISE_A } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { at, iso } from '../helpers/truck-events.ts';

// The procedure as data over HTTP, on both stores: an operator previews and applies a procedure for
// Hữu Nghị export fresh fruit from tomorrow 06:00; trucks that arrived before keep theirs, the next one
// follows it (worklists, checks, the hand-over step, ready to clear); a service pattern orders the
// worklist; a restart gives identical figures.

const FRUIT_FROM_TOMORROW: ProcedureChangeRequest = {
  gateIds: ['huu-nghi'],
  direction: 'export',
  categories: ['fresh_fruit'],
  effectiveFrom: iso(at('2022-01-11 06:00')),
  procedure: {
    steps: [
      { kind: 'check', force: 'quarantine' },
      { kind: 'handover', by: 'border_guard', method: 'transshipment' },
    ],
    ordered: true,
  },
  note: 'Phía Trung Quốc đổi phương thức giao nhận: sang tải tại biên',
};

describe.each(STORES)('procedure as data (%s)', (store) => {
  let server: TestServer;
  const clock = manualClock(NOW);
  const tokens: Record<string, string> = {};

  const worklist = async (user: string): Promise<WorklistResponse['items']> =>
    WorklistResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/worklist', tokens[user])).json).items;
  const ids = async (user: string): Promise<string[]> => (await worklist(user)).map((i) => i.declarationId);
  const huuNghi = async () => GatesResponse.parse((await api(server.url, 'GET', '/gates')).json).gates.find((g) => g.id === 'huu-nghi');

  // Kept across the restart (a test server removes only a data directory it made itself).
  const dataDir = mkdtempSync(join(tmpdir(), 'cks-procedures-'));

  beforeAll(async () => {
    server = await startTestServer({ store, clock, dataDir });
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(eventsAt('huu-nghi')));
    for (const u of ['sct.vanhanh', 'hq.huunghi', 'kd.huunghi', 'bp.huunghi', 'dn.hoaquaxanh']) tokens[u] = await login(server.url, u);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a dry run shows what changes and writes nothing; only an operator may change it, and never in the past', async () => {
    const dry = await api(server.url, 'POST', '/procedures?dryRun=true', tokens['sct.vanhanh'], FRUIT_FROM_TOMORROW);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({
      dryRun: true,
      // HN-1 and HN-5 (export fresh fruit) are in the yard and keep theirs; nothing of that scope is on its way.
      preview: { queuedInScope: 2, expectedInScope: 0, changes: [{ gateId: 'huu-nghi', direction: 'export', category: 'fresh_fruit', queued: 2 }] },
    });
    const rules = ProceduresResponse.parse((await api(server.url, 'GET', '/procedures')).json).rules;
    expect(rules.filter((r) => r.source === 'console')).toEqual([]);
    expect((await api(server.url, 'POST', '/procedures', tokens['hq.huunghi'], FRUIT_FROM_TOMORROW)).status).toBe(403);
    expect((await api(server.url, 'POST', '/procedures', undefined, FRUIT_FROM_TOMORROW)).status).toBe(401);
    const past = await api(server.url, 'POST', '/procedures', tokens['sct.vanhanh'], { ...FRUIT_FROM_TOMORROW, effectiveFrom: iso(at('2022-01-09 06:00')) });
    expect(past.status).toBe(400);
    expect(past.json).toMatchObject({ error: 'bad_request', message: expect.stringContaining('past') });
  });

  it('applied from tomorrow 06:00: the trucks in the yard keep theirs, the next fresh-fruit truck follows the new one', async () => {
    const applied = await api(server.url, 'POST', '/procedures', tokens['sct.vanhanh'], FRUIT_FROM_TOMORROW);
    expect(applied.status).toBe(201);
    expect(applied.json).toMatchObject({ change: { kind: 'procedure', id: 'QT-1', issuedBy: 'sct.vanhanh' } });
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=procedure_changed', tokens['sct.vanhanh'])).json);
    expect(audit.entries[0]).toMatchObject({ actor: 'sct.vanhanh', action: 'procedure_changed', target: 'QT-1' });
    expect(ProceduresResponse.parse((await api(server.url, 'GET', '/procedures')).json).rules[0]).toMatchObject({ id: 'QT-1', source: 'console', effectiveFrom: iso(at('2022-01-11 06:00')) });

    clock.set(at('2022-01-11 08:00'));
    const next = truckEvents({ id: 'HN-9', gateId: 'huu-nghi', direction: 'export', plate: '12C-999.99', owner: ENTERPRISE_A, declaredAt: at('2022-01-11 05:00'), arrivedAt: at('2022-01-11 07:00') });
    expect((await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(next))).json).toMatchObject({ accepted: 2 });

    expect(await ids('hq.huunghi')).toContain('HN-1');
    expect(await ids('hq.huunghi')).not.toContain('HN-9'); // customs is not in the new procedure
    expect(await ids('kd.huunghi')).toContain('HN-9'); // quarantine first
    expect(await ids('bp.huunghi')).not.toContain('HN-9'); // the hand-over waits for quarantine
    const view = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-9', tokens['dn.hoaquaxanh'])).json);
    expect(view.procedure).toMatchObject({ ruleId: 'QT-1', pending: ['quarantine', 'handover'], ready: false });
    expect(view.perishable).toBe(true);

    // Customs may not check a truck whose procedure has no customs check; quarantine may.
    expect((await api(server.url, 'POST', '/declarations/HN-9/checks', tokens['hq.huunghi'], { force: 'customs', result: 'confirmed' })).status).toBe(409);
    // The border guard's hand-over before quarantine: its turn has not come.
    expect((await api(server.url, 'POST', '/declarations/HN-9/steps', tokens['bp.huunghi'], { step: 'handover', result: 'confirmed' })).status).toBe(409);
    expect((await api(server.url, 'POST', '/declarations/HN-9/checks', tokens['kd.huunghi'], { force: 'quarantine', result: 'confirmed' })).status).toBe(201);
    expect((await worklist('bp.huunghi')).find((i) => i.declarationId === 'HN-9')?.tasks).toEqual(['handover']);
    expect((await huuNghi())?.awaitingHandover).toBe(1);

    // The yard operator's system (gate key) is not who this procedure names; the border guard is.
    expect((await api(server.url, 'POST', '/declarations/HN-9/steps', demoKeys()['huu-nghi'], { step: 'handover', result: 'confirmed' })).status).toBe(403);
    const done = await api(server.url, 'POST', '/declarations/HN-9/steps', tokens['bp.huunghi'], { step: 'handover', result: 'confirmed', note: 'sang tải xong' });
    expect(done.json).toMatchObject({ declarationId: 'HN-9' });
    expect(done.status).toBe(201);
    expect(DeclarationView.parse(done.json).procedure).toMatchObject({ pending: [], ready: true, handover: { by: 'border_guard', result: 'confirmed', note: 'sang tải xong' } });
    expect(await huuNghi()).toMatchObject({ awaitingHandover: 0, readyToClear: 1 });
    expect(DeclarationView.parse(done.json).events.map((e) => e.type)).toContain('step');
  });

  it('a service pattern orders the worklist: perishable first by the pattern', async () => {
    // The queue at Hữu Nghị export: HN-1 (fruit 09:00), HN-5 (fruit 09:10); add two other-goods trucks that came earlier.
    const others = ['HN-20', 'HN-21'].flatMap((id, i) =>
      truckEvents({ id, gateId: 'huu-nghi', direction: 'export', plate: `12C-20${i}.00`, owner: ENTERPRISE_A, category: 'consumer_goods', declaredAt: at('2022-01-10 06:00'), arrivedAt: at('2022-01-10 06:30') + i * 60_000 }),
    );
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(others));
    const exportOrder = async (): Promise<string[]> => (await worklist('hq.huunghi')).filter((i) => i.direction === 'export').map((i) => i.declarationId);
    expect(await exportOrder()).toEqual(['HN-20', 'HN-21', 'HN-1', 'HN-5']);
    const set = await api(server.url, 'POST', '/service-patterns', tokens['sct.vanhanh'], { gateIds: ['huu-nghi'], pattern: { priority: 1, regular: 1 } });
    expect(set.status).toBe(201);
    expect(await exportOrder()).toEqual(['HN-1', 'HN-20', 'HN-5', 'HN-21']);
    expect((await huuNghi())?.servicePattern).toEqual({ priority: 1, regular: 1 });
    const hn5 = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-5', tokens['sct.vanhanh'])).json);
    expect(hn5.queuePosition).toBe(3);
  });

  it('a restart gives identical figures, worklists and rules', async () => {
    const before = {
      gates: (await api(server.url, 'GET', '/gates')).json,
      procedures: (await api(server.url, 'GET', '/procedures')).json,
      lists: await Promise.all(['hq.huunghi', 'kd.huunghi', 'bp.huunghi'].map(worklist)),
    };
    const { databaseUrl } = server;
    await server.stop();
    server = await startTestServer({ store, clock, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
    for (const u of Object.keys(tokens)) tokens[u] = await login(server.url, u);
    expect((await api(server.url, 'GET', '/gates')).json).toEqual(before.gates);
    expect((await api(server.url, 'GET', '/procedures')).json).toEqual(before.procedures);
    expect(await Promise.all(['hq.huunghi', 'kd.huunghi', 'bp.huunghi'].map(worklist))).toEqual(before.lists);
  });
});
