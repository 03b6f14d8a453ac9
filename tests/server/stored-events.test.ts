import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalisePlate, TruckEvent } from '../../shared/events.ts';
import { openAppCore, type AppCore } from '../../server/core/app-core.ts';
import type { Clock } from '../../server/core/clock.ts';
import { allGateStatuses, declarationView, stateImage } from '../../server/domain/index.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { at, declared, iso, lifecycle } from '../helpers/truck-events.ts';
import { login } from '../helpers/people.ts';

// Stored events are facts (issue 8, defect 1): anything the ingest accepts must survive a rebuild with
// identical figures; a rebuild decodes rows by shape and never judges them again by input rules; a row
// that cannot be decoded at all is reported loudly and does not keep the service from starting.

const T0 = at('2022-01-10 08:00');
const clock: Clock = { now: () => at('2022-01-20 00:00') };

const dirs: string[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cks-stored-'));
  dirs.push(d);
  return d;
};

/** A core on the store; with `snapshots`, it restores DATA_DIR/state.snapshot and writes one when it closes. */
const coreOn = (store: Store, snapshots: boolean): Promise<AppCore> =>
  openAppCore({ config: demoConfig(), store, clock, ...(snapshots ? {} : { snapshots: undefined }) });

/** Every figure the server serves from the state: gate statuses, each declaration's view, history and trade. */
async function figures(core: AppCore): Promise<unknown> {
  const now = clock.now();
  const ids = core.read((s) => [...s.declarations.keys()].sort());
  const events = await Promise.all(ids.map((id) => core.eventsOf(id)));
  return core.read((state) => {
    const image = stateImage(state);
    return {
      gates: allGateStatuses(state, now),
      declarations: ids.map((id, i) => declarationView(state, id, events[i] ?? [], now)),
      texts: image.texts, // declarations, and the gates' counters and buckets
      trade: [...state.trade],
      events: state.eventCount,
    };
  });
}

// Strings that exercise normalisation: case folding that lengthens (ß → SS), full-width forms, combining
// marks, every kind of space, CJK, ligatures and characters whose upper case decomposes.
const tricky = fc.constantFrom(
  'ß', 'ẞ', 'ﬀ', 'ﬃ', 'ǰ', 'ŉ', 'ı', 'İ', 'ΐ', '１', '２', 'Ｃ', 'ｃ', '－', '．', '\u0301', '\u0323', '\u0308', 'ē',
  ' ', '\t', '\u00a0', '\u3000', '\u2009', '\u200b', '桂', '粤', 'A', 'b', '9', '-', '.', '·', '¨', 'Ⅻ', '㎏', 'ǅ', 'ᾳ',
);
const trickyText = fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 3 })), { minLength: 0, maxLength: 24 }).map((a) => a.join(''));
const plateLike = fc.oneof(
  trickyText,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 6, max: 20 }).map((n) => 'ß'.repeat(n)), // valid length raw, maybe too long once upper-cased
  fc.constantFrom('12C-123.45', '桂A12345', ' 29h 123.45 '),
);

const declaredArb = (id: string) =>
  fc.record({
    plate: plateLike,
    trailer: fc.option(plateLike, { nil: undefined }),
    name: fc.oneof(trickyText, fc.constant('Công ty Hoa Quả Xanh')),
    description: fc.oneof(trickyText, fc.constant(' thanh long ')),
    direction: fc.constantFrom('export', 'import'),
    weightKg: fc.oneof(fc.double({ min: 0, max: 2e6, noNaN: true }), fc.constant(20_000)),
    valueUsd: fc.oneof(fc.double({ min: -1, max: 2e10, noNaN: true }), fc.integer({ min: 0, max: 50_000 })),
    arrived: fc.boolean(),
    cleared: fc.boolean(),
    minutes: fc.integer({ min: 0, max: 5_000 }),
  }).map((r) => {
    const events: unknown[] = [
      {
        eventId: `${id}-d`,
        type: 'declared',
        declarationId: id,
        gateId: 'huu-nghi',
        occurredAt: iso(T0 + r.minutes * 60_000),
        direction: r.direction,
        vehicle: { plate: r.plate, ...(r.trailer === undefined ? {} : { trailerPlate: r.trailer }), country: 'VN' },
        enterprise: { taxCode: '4900123456', name: r.name },
        cargo: { description: r.description, category: 'fresh_fruit', weightKg: r.weightKg, valueUsd: r.valueUsd, localGoods: false },
      },
    ];
    if (r.arrived) events.push(lifecycle('arrived', id, T0 + (r.minutes + 60) * 60_000));
    if (r.cleared) events.push(lifecycle('cleared', id, T0 + (r.minutes + 600) * 60_000));
    return events;
  });

describe('plates are normalised first, then judged', () => {
  it('normalising is idempotent, and a normalised plate the ingest accepts is accepted again unchanged', () => {
    fc.assert(
      fc.property(plateLike, (raw) => {
        const once = normalisePlate(raw);
        expect(normalisePlate(once)).toBe(once);
        const event = { ...declared('P', T0), vehicle: { plate: raw, country: 'VN' } };
        const parsed = TruckEvent.safeParse(event);
        if (!parsed.success || parsed.data.type !== 'declared') return;
        expect([...parsed.data.vehicle.plate].length).toBeLessThanOrEqual(20); // zod counts code points
        const again = TruckEvent.safeParse(parsed.data);
        expect(again.success && again.data.type === 'declared' && again.data.vehicle.plate).toBe(parsed.data.vehicle.plate);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses 20 × ß (40 letters once upper-cased) and folds full-width forms and spaces', () => {
    const plate = (p: string) => TruckEvent.safeParse({ ...declared('P', T0), vehicle: { plate: p, country: 'VN' } });
    expect(plate('ß'.repeat(20)).success).toBe(false);
    const folded = plate('１２ｃ－１２３．４５');
    expect(folded.success && folded.data.type === 'declared' && folded.data.vehicle.plate).toBe('12C-123.45');
    const spaced = plate(' 29h\u3000123.45 ');
    expect(spaced.success && spaced.data.type === 'declared' && spaced.data.vehicle.plate).toBe('29H123.45');
    expect(plate('12C\u200b123').success).toBe(false); // a zero-width space is not part of a plate
  });
});

describe('anything the ingest accepts survives a rebuild with identical figures', () => {
  let acceptedInAllRuns = 0;
  afterEach(() => {
    // Not vacuous: plenty of what the generator made was accepted (and plenty refused).
    if (acceptedInAllRuns > 0) expect(acceptedInAllRuns).toBeGreaterThan(60);
  });
  it('holds for arbitrary declarations with normalisation edge cases (full replay, and from the snapshot a graceful stop writes)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }).chain((ns) => fc.tuple(...ns.map((_, i) => declaredArb(`D${i}`)))), async (batches) => {
        const dir = tempDir();
        const file = join(dir, 'events.db');
        const store = openSqliteStore(file);
        const live = await coreOn(store, true);
        let accepted = 0;
        for (const items of batches) {
          accepted += (await live.ingest('huu-nghi', items.map((value) => ({ ok: true as const, value })))).accepted;
        }
        acceptedInAllRuns += accepted;
        const before = await figures(live);
        // A graceful stop: writes the snapshot.
        await live.close();
        await store.close();

        for (const snapshots of [true, false]) {
          const reopened = openSqliteStore(file);
          const rebuilt = await coreOn(reopened, snapshots);
          expect(rebuilt.rebuilt.fromSeq > 0).toBe(snapshots && accepted > 0);
          expect(rebuilt.read((s) => s.undecodable.count)).toBe(0);
          expect(rebuilt.read((s) => s.eventCount)).toBe(accepted);
          expect(await figures(rebuilt)).toEqual(before);
          // Every accepted declaration reads back its events (none silently dropped by a re-parse).
          for (const id of rebuilt.read((s) => [...s.declarations.keys()])) expect((await rebuilt.eventsOf(id)).length).toBeGreaterThan(0);
          await rebuilt.close();
          await reopened.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the rebuild decodes facts and reports what it cannot read', () => {
  /** Rows written behind the server's back, as a corrupted disk, a bad manual edit or an older version would leave them. */
  function writeRows(dataDir: string, rows: { eventId: string; declarationId: string; type: string; body: string }[]): void {
    const db = new Database(join(dataDir, 'events.db'));
    const insert = db.prepare('INSERT INTO events (event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(r.eventId, r.declarationId, 'huu-nghi', r.type, T0, Date.now(), r.body);
    db.close();
  }

  it('starts on a log holding a row today’s input rules would refuse, and counts it', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, clock });
    await first.close();
    // A plate of 40 letters and a 600-letter description: stored by an older version with other limits.
    const old = {
      ...declared('OLD-1', T0),
      vehicle: { plate: 'S'.repeat(40), country: 'VN' },
      cargo: { description: 'd'.repeat(600), category: 'fresh_fruit', weightKg: 2e6, valueUsd: 10, localGoods: false },
    };
    writeRows(dataDir, [{ eventId: 'OLD-1-declared', declarationId: 'OLD-1', type: 'declared', body: JSON.stringify(old) }]);
    const server = await startTestServer({ dataDir, clock });
    servers.push(server);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, events: 1 });
    expect(health.undecodableEvents).toBeUndefined();
    expect(await server.app.core.eventsOf('OLD-1')).toHaveLength(1);
    expect(server.app.core.read((s) => s.declarations.get('OLD-1')?.declared.vehicle.plate)).toBe('S'.repeat(40));
  });

  it('serves without a row that cannot be decoded, and says so in the log, /healthz, /metrics and the operators’ alerts', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({ dataDir, clock });
    const key = demoKeys()['huu-nghi'] ?? '';
    expect((await postEvents(first.url, key, ndjson([declared('OK-1', T0), lifecycle('arrived', 'OK-1', T0 + 60_000)]))).json).toMatchObject({ accepted: 2 });
    await first.close();
    writeRows(dataDir, [
      { eventId: 'BAD-1', declarationId: 'BAD', type: 'declared', body: '{"type":"declared","eventId":' },
      { eventId: 'BAD-2', declarationId: 'BAD', type: 'arrived', body: JSON.stringify({ type: 'teleported', eventId: 'BAD-2' }) },
    ]);
    const lines: unknown[] = [];
    const { default: pino } = await import('pino');
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const server = await startTestServer({ dataDir, clock, logger });
    servers.push(server);

    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true, events: 2, undecodableEvents: { count: 2, seqs: [3, 4] } });
    expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^cks_log_undecodable_events 2$/m);
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, count: 2 }));
    const gates = (await (await fetch(`${server.url}/api/v1/gates`)).json()) as { gates: { id: string; queue: { export: number } }[] };
    expect(gates.gates.find((g) => g.id === 'huu-nghi')?.queue.export).toBe(1);
    const token = await login(server.url, 'sct.vanhanh');
    const alerts = (await (await fetch(`${server.url}/api/v1/alerts`, { headers: { authorization: `Bearer ${token}` } })).json()) as { alerts: unknown[] };
    expect(alerts.alerts).toContainEqual(expect.objectContaining({ kind: 'log_undecodable', count: 2, seqs: [3, 4] }));
    // The server still takes events.
    expect((await postEvents(server.url, key, ndjson([declared('OK-2', T0)]))).json).toMatchObject({ accepted: 1 });
  });
});
