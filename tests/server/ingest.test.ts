import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchResult } from '../../shared/ingest.ts';
import { GatesResponse, HistoryResponse } from '../../shared/gates.ts';
import { at, checked, declared, lifecycle } from '../helpers/truck-events.ts';
import { storedEvents } from '../helpers/stored-rows.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';

// One batch with every kind of item gets exactly the per-item answers of CONTRACT §1, and only the
// accepted events are in the store (SQLite and PostgreSQL), in order.

describe.each(STORES)('POST /api/v1/events (%s)', (store) => {
  let server: TestServer;
  const key = demoKeys()['huu-nghi'] ?? '';
  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => at('2022-01-10 14:00') } });
  });
  afterAll(async () => server.stop());

  const t = at('2022-01-10 08:00');
  const a = declared('HN-A', t, { direction: 'import' });
  const aArrived = lifecycle('arrived', 'HN-A', t + 3_600_000);
  const badValue = { ...declared('HN-B', t), cargo: { description: 'x', category: 'other', weightKg: 1, valueUsd: -5, localGoods: false } };
  const items = [
    a, // 0 accepted
    aArrived, // 1 accepted (declared earlier in the same batch)
    { ...a }, // 2 duplicate
    { ...aArrived, occurredAt: '2022-01-10T09:30:00+07:00' }, // 3 conflict: same eventId, other content
    '{"eventId": "broken', // 4 invalid: not JSON
    badValue, // 5 invalid: cargo.valueUsd
    lifecycle('arrived', 'NOBODY', t), // 6 unknown_declaration
    declared('TT-A', t, { gateId: 'tan-thanh' }), // 7 forbidden: key of huu-nghi
    { ...declared('ZZ-A', t), gateId: 'no-such-gate' }, // 8 unknown_gate
    { ...aArrived, eventId: 'HN-A-arrived-again' }, // 9 conflict: second arrived
    checked('HN-A', t + 4_000_000, 'customs', 'confirmed'), // 10 accepted
    '', // blank line: ignored
  ];

  it('answers every item exactly', async () => {
    const res = await postEvents(server.url, key, ndjson(items));
    expect(res.status).toBe(200);
    const body = BatchResult.parse(res.json);
    expect(body.accepted).toBe(3);
    expect(body.duplicates).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [3, 'conflict'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'unknown_declaration'],
      [7, 'forbidden'],
      [8, 'unknown_gate'],
      [9, 'conflict'],
    ]);
    expect(body.rejected.find((r) => r.index === 5)?.message).toMatch(/^cargo\.valueUsd: /);
    expect(body.rejected.find((r) => r.index === 5)?.eventId).toBe('HN-B-declared');
    expect(body.rejected.find((r) => r.index === 4)?.eventId).toBeUndefined();
  });

  it('persisted exactly the accepted events, in order, as canonical JSON', async () => {
    const rows = (await storedEvents(server)).map(({ event_id, type, gate_id }) => ({ event_id, type, gate_id }));
    expect(rows).toEqual([
      { event_id: 'HN-A-declared', type: 'declared', gate_id: 'huu-nghi' },
      { event_id: 'HN-A-arrived', type: 'arrived', gate_id: 'huu-nghi' },
      { event_id: 'HN-A-chk-customs-0', type: 'checked', gate_id: 'huu-nghi' },
    ]);
  });

  it('shows the accepted events in gate status and history', async () => {
    const gates = GatesResponse.parse(await (await fetch(`${server.url}/api/v1/gates`)).json());
    const huuNghi = gates.gates.find((g) => g.id === 'huu-nghi');
    expect(huuNghi?.queue).toEqual({ export: 0, import: 1 });
    expect(huuNghi?.awaiting).toEqual({ border_guard: 1, customs: 0, quarantine: 1 });
    expect(gates.asOf).toBe('2022-01-10T14:00:00+07:00');
    const hist = HistoryResponse.parse(await (await fetch(`${server.url}/api/v1/gates/huu-nghi/history?from=2022-01-10&to=2022-01-10&bucket=hour`)).json());
    expect(hist.buckets).toHaveLength(24);
    expect(hist.buckets[9]).toMatchObject({ start: '2022-01-10T09:00:00+07:00', arrived: { export: 0, import: 1 } });
  });

  it('treats a JSON array like NDJSON, and a resend as duplicates', async () => {
    const res = await postEvents(server.url, key, JSON.stringify([a, aArrived]), 'application/json');
    expect(res).toEqual({ status: 200, json: { accepted: 0, duplicates: 2, rejected: [] } });
  });
});
