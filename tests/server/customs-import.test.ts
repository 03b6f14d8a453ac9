import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResponse } from '../../shared/audit.ts';
import { CustomsImportReport } from '../../shared/customs.ts';
import { DeclarationView, WorklistResponse } from '../../shared/declarations.ts';
import { api, login, until } from '../helpers/people.ts';
import { ENTERPRISE_A, eventsAt, NOW, truckEvents } from '../helpers/people-seed.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { at } from '../helpers/truck-events.ts';

// Customs data without double entry, on both stores: the fixture export as a dry run (the exact report),
// for real (the worklist empties accordingly, every applied row audited), again (all duplicates), JSON
// rows by an operator, rights; and the scheduled pull from a URL.

const CSV = readFileSync('fixtures/customs/hai-quan-huu-nghi-2022-01-10.csv', 'utf8');
const JSON_ROWS: unknown = JSON.parse(readFileSync('fixtures/customs/hai-quan-2022-01-10.json', 'utf8'));
// Two trucks of one plate on that day: a plate alone cannot tell them apart.
const TWINS = ['HN-6', 'HN-7'].flatMap((id) => truckEvents({ id, gateId: 'huu-nghi', direction: 'export', plate: '12C-777.77', owner: ENTERPRISE_A, declaredAt: at('2022-01-10 07:00'), arrivedAt: at('2022-01-10 08:00') }));

async function upload(url: string, token: string, body: string, type: string, dryRun: boolean): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}/api/v1/customs/imports?dryRun=${dryRun}&fileName=hq.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: res.status, json: await res.json() };
}

describe.each(STORES)('customs import (%s)', (store) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const customsList = async (): Promise<string[]> =>
    WorklistResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/worklist', tokens['hq.huunghi'])).json).items.map((i) => i.declarationId);

  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW } });
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([...eventsAt('huu-nghi'), ...TWINS]));
    await postEvents(server.url, demoKeys()['tan-thanh'], ndjson(eventsAt('tan-thanh')));
    for (const u of ['sct.vanhanh', 'hq.huunghi', 'kd.huunghi', 'dn.hoaquaxanh']) tokens[u] = await login(server.url, u);
  });
  afterAll(() => server.stop());

  it('a dry run reports each row and writes nothing', async () => {
    const before = await customsList();
    const res = await upload(server.url, tokens['hq.huunghi'] ?? '', CSV, 'text/csv', true);
    expect(res.status).toBe(200);
    const r = CustomsImportReport.parse(res.json);
    expect(r.counts).toEqual({ matched: 3, unmatched: 1, ambiguous: 1, would_conflict: 1, duplicate: 0, invalid: 1 });
    expect(r.applied).toBe(0);
    expect(r.rows.map((row) => [row.rowId, row.outcome, row.declarationId ?? null])).toEqual([
      ['HQ-001', 'matched', 'HN-1'],
      ['HQ-002', 'matched', 'HN-2'],
      ['HQ-003', 'ambiguous', null],
      ['HQ-004', 'would_conflict', 'HN-3'],
      ['HQ-005', 'unmatched', null],
      ['HQ-006', 'matched', 'HN-5'],
      ['HQ-007', 'invalid', 'HN-9'],
    ]);
    expect(r.rows[2]?.candidates).toEqual(['HN-6', 'HN-7']);
    expect(await customsList()).toEqual(before);
  });

  it('the real run records the matched rows as customs checks: the worklist empties accordingly; every row is audited', async () => {
    expect(await customsList()).toEqual(['HN-6', 'HN-7', 'HN-1', 'HN-5', 'HN-2']);
    const res = await upload(server.url, tokens['hq.huunghi'] ?? '', CSV, 'text/csv', false);
    expect(res.status).toBe(201);
    const r = CustomsImportReport.parse(res.json);
    expect(r.applied).toBe(3);
    // HN-1 and HN-2 confirmed: off the list; HN-5 refused: stays, marked; the twins were never applied.
    expect(await customsList()).toEqual(['HN-6', 'HN-7', 'HN-5']);
    const hn1 = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-1', tokens['dn.hoaquaxanh'])).json);
    expect(hn1.checks.find((c) => c.force === 'customs')).toMatchObject({ result: 'confirmed', occurredAt: '2022-01-10T10:15:00+07:00', note: '[HQ HQ-001] Miễn kiểm tra thực tế' });
    const rows = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=customs_row_imported', tokens['sct.vanhanh'])).json).entries;
    expect(rows.map((e) => e.target).sort()).toEqual(['HN-1', 'HN-2', 'HN-5']);
    expect(rows.every((e) => e.actor === 'hq.huunghi' && e.detail?.fileSha256 === r.fileSha256)).toBe(true);
  });

  it('the same file again changes nothing', async () => {
    const res = await upload(server.url, tokens['hq.huunghi'] ?? '', CSV, 'text/csv', false);
    const r = CustomsImportReport.parse(res.json);
    expect(r.counts).toMatchObject({ matched: 0, duplicate: 3 });
    expect(r.applied).toBe(0);
    expect(await customsList()).toEqual(['HN-6', 'HN-7', 'HN-5']);
  });

  it('JSON rows: an operator imports for any gate; a customs officer only its own; others may not', async () => {
    const mine = CustomsImportReport.parse((await upload(server.url, tokens['hq.huunghi'] ?? '', JSON.stringify(JSON_ROWS), 'application/json', true)).json);
    expect(mine.rows.map((r) => r.outcome)).toEqual(['unmatched', 'unmatched', 'invalid']); // TT-1 is Tân Thanh's
    const op = CustomsImportReport.parse((await upload(server.url, tokens['sct.vanhanh'] ?? '', JSON.stringify(JSON_ROWS), 'application/json', false)).json);
    expect(op.rows.map((r) => r.outcome)).toEqual(['matched', 'unmatched', 'invalid']);
    expect(op.rows[2]?.message).toContain('result');
    expect((await upload(server.url, tokens['dn.hoaquaxanh'] ?? '', CSV, 'text/csv', true)).status).toBe(403);
    expect((await upload(server.url, tokens['kd.huunghi'] ?? '', CSV, 'text/csv', true)).status).toBe(403);
    expect((await upload(server.url, tokens['hq.huunghi'] ?? '', 'x', 'application/xml', true)).status).toBe(415);
  });
});

describe('customs results pulled from a URL', () => {
  let feed: Server;
  let server: TestServer;
  let served = 0;
  beforeAll(async () => {
    feed = createServer((_req, res) => {
      served += 1;
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.end(CSV);
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const config = demoConfig();
    config.customsImport = { ...config.customsImport, url: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/export.csv`, everyMinutes: 1 };
    server = await startTestServer({ clock: { now: () => NOW }, config });
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([...eventsAt('huu-nghi'), ...TWINS]));
  });
  afterAll(async () => {
    await server.stop();
    await new Promise((r) => feed.close(r));
  });

  it('imports the matched rows as pull:customs and audits them', async () => {
    const operator = await login(server.url, 'sct.vanhanh');
    // The first pull ran at start, before the trucks were sent: nothing matched then. The next one (every
    // minute; pulled now here) finds them; the one after finds only duplicates.
    await until(() => served >= 1, 5_000);
    const pull = server.app.customsPuller;
    if (!pull) throw new Error('no puller');
    await pull.pullNow();
    const rows = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=customs_row_imported', operator)).json).entries;
    expect(rows.map((e) => [e.actor, e.target])).toEqual(expect.arrayContaining([['pull:customs', 'HN-1'], ['pull:customs', 'HN-2'], ['pull:customs', 'HN-5']]));
    expect(rows).toHaveLength(3);
    await pull.pullNow();
    expect(AuditResponse.parse((await api(server.url, 'GET', '/audit?action=customs_row_imported', operator)).json).entries).toHaveLength(3);
    const hn1 = DeclarationView.parse((await api(server.url, 'GET', '/declarations/HN-1', operator)).json);
    expect(hn1.checks.find((c) => c.force === 'customs')?.result).toBe('confirmed');
  });
});
