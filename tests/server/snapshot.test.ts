import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DeclaredEvent, TruckEvent } from '../../shared/events.ts';
import { openAppCore, type AppCore } from '../../server/core/app-core.ts';
import { systemClock } from '../../server/core/clock.ts';
import { allGateStatuses, applyEvent, createState, EventIdTable, findByPlate, idsOfTaxCode, restoreState, stateImage, type LiveState } from '../../server/domain/index.ts';
import { mulberry32 } from '../../server/sim/rng.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { fileSnapshotStore, type SnapshotStore } from '../../server/store/snapshot-file.ts';
import { demoConfig } from '../helpers/test-server.ts';
import { at, cancelled, checked, declared, lifecycle } from '../helpers/truck-events.ts';

// Snapshots (ảnh chụp trạng thái): a restart that restores the snapshot and replays the log's tail
// must build exactly the state a full replay builds; a bad snapshot is never trusted.

const GATES = ['huu-nghi', 'tan-thanh', 'chi-ma'] as const;
const T0 = at('2022-01-10 00:00');
const MIN = 60_000;

/** `n` declarations with seeded lifecycles, across the three gates, in the order a gate would send them. */
function seededEvents(n: number, seed: number, prefix: string): TruckEvent[] {
  const rnd = mulberry32(seed);
  const out: TruckEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`;
    const gateId = GATES[i % 3] ?? 'huu-nghi';
    const t = T0 + Math.floor(rnd() * 20 * 24 * 60) * MIN;
    out.push(declared(id, t, { gateId, direction: rnd() < 0.5 ? 'export' : 'import', valueUsd: Math.round(rnd() * 50_000), localGoods: rnd() < 0.2 }));
    if (rnd() < 0.85) out.push(lifecycle('arrived', id, t + (60 + Math.floor(rnd() * 600)) * MIN, gateId));
    if (rnd() < 0.6) out.push(checked(id, t + 700 * MIN, 'customs', rnd() < 0.9 ? 'confirmed' : 'rejected', 0, gateId));
    if (rnd() < 0.7) out.push(lifecycle('cleared', id, t + (800 + Math.floor(rnd() * 900)) * MIN, gateId));
    else if (rnd() < 0.1) out.push(cancelled(id, t + 900 * MIN, gateId));
  }
  return out;
}

async function ingestAll(core: AppCore, events: readonly TruckEvent[]): Promise<void> {
  for (const gateId of GATES) {
    const mine = events.filter((e) => e.gateId === gateId);
    for (let i = 0; i < mine.length; i += 500) {
      const result = await core.ingest(gateId, mine.slice(i, i + 500).map((value) => ({ ok: true, value })));
      expect(result.rejected).toEqual([]);
    }
  }
}

/** The core's state, for comparing figures (tests only read it). */
const stateOf = (core: AppCore): Readonly<LiveState> => core.read((s) => s);

const noSnapshots: SnapshotStore = { save: () => ({ bytes: 0 }), load: () => ({ ok: false, reason: 'no snapshot' }) };

describe('state snapshots', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  const cores: AppCore[] = [];
  const open = (dir: string): Store => {
    const store = openSqliteStore(join(dir, 'events.db'));
    stores.push(store);
    return store;
  };
  const core = async (store: Store, snapshots?: SnapshotStore): Promise<AppCore> => {
    const c = await openAppCore({ config: demoConfig(), store, clock: systemClock, snapshotPolicy: { everyEvents: Infinity }, ...(snapshots ? { snapshots } : {}) });
    cores.push(c);
    return c;
  };
  const fresh = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cks-snap-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A log of part 1 + part 2 with a snapshot taken between them; returns the live core's state figures. */
  async function logWithSnapshotBetween(dir: string): Promise<{ live: AppCore; part2: number }> {
    const live = await core(open(dir));
    await ingestAll(live, seededEvents(300, 7, 'A'));
    expect(live.saveSnapshot()?.seq).toBeGreaterThan(0);
    const part2 = seededEvents(120, 8, 'B');
    await ingestAll(live, part2);
    return { live, part2: part2.length };
  }

  it('snapshot + the log tail builds the same state as a full replay', async () => {
    const dir = fresh();
    const { live, part2 } = await logWithSnapshotBetween(dir);
    // A second connection to the same files, as a restart after a hard kill would see them.
    const restarted = await core(open(dir));
    const full = await core(open(dir), noSnapshots);
    expect(restarted.rebuilt.fromSeq).toBeGreaterThan(0);
    expect(restarted.rebuilt.replayed).toBe(part2);
    expect(full.rebuilt).toMatchObject({ fromSeq: 0, replayed: stateOf(live).eventCount, snapshotRefused: 'no snapshot' });
    expect(stateImage(stateOf(restarted))).toEqual(stateImage(stateOf(full)));
    expect(stateImage(stateOf(restarted))).toEqual(stateImage(stateOf(live)));
    // The indexes rebuilt from the declarations, not stored: the queues' at once, plates and tax codes once
    // the loop turns (the server serves meanwhile).
    for (const [id, gate] of stateOf(full).gates) expect(stateOf(restarted).gates.get(id)?.queuedIds).toEqual(gate.queuedIds);
    expect(stateOf(restarted).unindexed.rest).toBeDefined();
    await new Promise((r) => setImmediate(r));
    expect(stateOf(restarted).unindexed.rest).toBeUndefined();
    expect(stateOf(restarted).plates).toEqual(stateOf(full).plates);
    expect(stateOf(restarted).byTaxCode).toEqual(stateOf(full).byTaxCode);
    expect([...stateOf(restarted).eventHashes.entries()]).toEqual([...stateOf(full).eventHashes.entries()]);
    const now = T0 + 10 * 24 * 60 * MIN;
    expect(allGateStatuses(stateOf(restarted), now)).toEqual(allGateStatuses(stateOf(full), now));
    expect(restarted.version()).toBe(full.version());
    expect(restarted.version()).toBe(live.version());
  });

  it('a corrupt snapshot is refused and the whole log is replayed', async () => {
    const dir = fresh();
    const { live } = await logWithSnapshotBetween(dir);
    const file = join(dir, 'state.snapshot');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const restarted = await core(open(dir));
    expect(restarted.rebuilt).toMatchObject({ fromSeq: 0, snapshotRefused: 'checksum mismatch', replayed: stateOf(live).eventCount });
    expect(stateImage(stateOf(restarted))).toEqual(stateImage(stateOf(live)));
  });

  it('refuses a truncated snapshot, one of another version, and one of another log', async () => {
    const dir = fresh();
    const { live } = await logWithSnapshotBetween(dir);
    const file = join(dir, 'state.snapshot');
    const good = readFileSync(file);

    writeFileSync(file, good.subarray(0, good.length - 100));
    expect((await core(open(dir))).rebuilt.snapshotRefused).toBe('checksum mismatch');

    writeFileSync(file, Buffer.concat([Buffer.from('cks-snapshot 2'), good.subarray(good.indexOf(10))]));
    expect((await core(open(dir))).rebuilt.snapshotRefused).toBe('not a snapshot of this version');

    // The same snapshot next to a different log (same number of rows, other events).
    const other = fresh();
    const otherCore = await core(open(other));
    await ingestAll(otherCore, seededEvents(300, 9, 'C'));
    writeFileSync(join(other, 'state.snapshot'), good);
    const restarted = await core(open(other));
    expect(restarted.rebuilt.fromSeq).toBe(0);
    expect(restarted.rebuilt.snapshotRefused).toMatch(/^log has no event/);
    expect(stateImage(stateOf(restarted))).toEqual(stateImage(stateOf(otherCore)));
    expect(stateOf(live).eventCount).toBeGreaterThan(0);
  });

  it('refuses a well-formed file whose declarations are malformed, leaving the state fresh', () => {
    const state = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
    const one = new EventIdTable();
    one.set('e1', 7);
    const { head: fresh, texts: [, gates] } = stateImage(state);
    const head = { ...fresh, eventCount: 1, eventIds: one.image() };
    expect(restoreState(state, head, ['[["D1", null, null, null, null, {}]]', gates])).toEqual({ ok: false, reason: 'a declaration is malformed' });
    expect(state.declarations.size).toBe(0);
    expect(restoreState(state, head, ['[]', '[["huu-nghi", {}, [], [], []]]'])).toEqual({ ok: false, reason: 'gate tan-thanh is missing' });
    expect(restoreState(state, head, ['[]', '[["huu-nghi", {}, [[1]], [], []]]'])).toEqual({ ok: false, reason: 'a part is missing' });
    expect(restoreState(state, { ...head, eventCount: 2 }, ['[]', gates])).toEqual({ ok: false, reason: 'event count does not match' });
    expect(restoreState(state, { ...head, eventIds: { ...one.image(), hashes: new Float64Array(2) } }, ['[]', gates])).toEqual({ ok: false, reason: 'a part is missing' });
    expect(restoreState(state, head, ['[]', gates])).toEqual({ ok: true });
    expect(state.eventHashes.get('e1')).toBe(7);
  });

  it('refuses an image taken under other gates (a config change) and replays instead', async () => {
    const dir = fresh();
    await logWithSnapshotBetween(dir);
    const config = demoConfig();
    const fewer = { ...config, gates: config.gates.filter((g) => g.id !== 'chi-ma') };
    const store = open(dir);
    const restarted = await openAppCore({ config: fewer, store, clock: systemClock });
    cores.push(restarted);
    expect(restarted.rebuilt.fromSeq).toBe(0);
    expect(restarted.rebuilt.snapshotRefused).toBe('taken under another timezone or set of gates');
  });

  it('a due snapshot waits until ingest has been idle, never between batches of a sustained ingest', async () => {
    const dir = fresh();
    const store = open(dir);
    const written: number[] = [];
    const live = await openAppCore({
      config: demoConfig(),
      store,
      clock: systemClock,
      snapshotPolicy: {
        everyEvents: 50,
        idleMs: 300,
        onSnapshot: (outcome) => {
          if (outcome instanceof Error) throw outcome;
          written.push(outcome.seq);
        },
      },
    });
    cores.push(live);
    const events = seededEvents(200, 5, 'I').filter((e) => e.gateId === 'huu-nghi');
    // Sustained ingest: a batch every ≈ 25 ms for well over the idle time, the threshold passed early on.
    for (let i = 0; i < events.length; i += 5) {
      expect((await live.ingest('huu-nghi', events.slice(i, i + 5).map((value) => ({ ok: true, value })))).rejected).toEqual([]);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((events.length / 5) * 25).toBeGreaterThan(2 * 300);
    expect(written).toEqual([]);
    // Ingest pauses: the due snapshot is written, covering everything held.
    await new Promise((r) => setTimeout(r, 800));
    expect(written).toEqual([stateOf(live).eventCount]);
    const snapshot = fileSnapshotStore(join(dir, 'state.snapshot')).load();
    expect(snapshot.ok && snapshot.meta.seq).toBe(stateOf(live).eventCount);
  });

  it('a graceful close writes a snapshot; nothing new, nothing rewritten', async () => {
    const dir = fresh();
    const store = openSqliteStore(join(dir, 'events.db'));
    const live = await openAppCore({ config: demoConfig(), store, clock: systemClock, snapshotPolicy: { everyEvents: Infinity } });
    await ingestAll(live, seededEvents(50, 3, 'G'));
    await live.close();
    await store.close();
    const snapshot = fileSnapshotStore(join(dir, 'state.snapshot')).load();
    expect(snapshot.ok && snapshot.meta.seq).toBe(stateOf(live).eventCount);
    const again = await core(open(dir));
    expect(again.rebuilt).toMatchObject({ fromSeq: stateOf(live).eventCount, replayed: 0 });
    expect(again.saveSnapshot()).toBeUndefined();
  });
});

describe('the state image (format 8: repeated strings by number, eventIds as a flat table)', () => {
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
  const truck = fc.record({
    plate: fc.constantFrom('12C-123.45', '29H-555.01', '桂A-12345', '51R-951.17'),
    trailer: fc.option(fc.constantFrom('29R-001.23', '桂B-0001'), { nil: undefined }),
    name: fc.oneof(text, fc.constantFrom('Công ty Hoa Quả Xanh', 'HTX Trái cây Tiền Giang')),
    description: fc.oneof(text, fc.constant('Dưa hấu (watermelon)')),
    hsCode: fc.option(fc.constantFrom('08039010', '0807'), { nil: undefined }),
    taxCode: fc.constantFrom('4900123456', '0107766554-001'),
    gateId: fc.constantFrom(...GATES),
    arrive: fc.boolean(),
    note: fc.option(fc.oneof(text, fc.constant('Thiếu giấy chứng nhận kiểm dịch')), { nil: undefined }),
    amendedDescription: fc.option(text, { nil: undefined }),
  });

  it('round-trips through the snapshot file to the same declarations, indexes and eventIds', () => {
    fc.assert(
      fc.property(fc.array(truck, { maxLength: 40 }), (trucks) => {
        const state = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
        trucks.forEach((t, i) => {
          const d = declared(`P${i}`, T0 + i * MIN, { gateId: t.gateId }) as DeclaredEvent;
          d.vehicle = { ...d.vehicle, plate: t.plate, ...(t.trailer === undefined ? {} : { trailerPlate: t.trailer }) };
          d.enterprise = { taxCode: t.taxCode, name: t.name };
          d.cargo = { ...d.cargo, description: t.description, ...(t.hsCode === undefined ? {} : { hsCode: t.hsCode }) };
          applyEvent(state, { event: d, hash: i });
          if (t.arrive) applyEvent(state, { event: lifecycle('arrived', `P${i}`, T0 + (i + 5) * MIN, t.gateId), hash: -i });
          if (t.note !== undefined) applyEvent(state, { event: { ...checked(`P${i}`, T0 + (i + 6) * MIN, 'quarantine', 'rejected', 0, t.gateId), note: t.note } as TruckEvent, hash: 1e6 + i });
          if (t.amendedDescription !== undefined) {
            const amended = { eventId: `P${i}-amended`, type: 'amended', declarationId: `P${i}`, gateId: t.gateId, occurredAt: new Date(T0 + (i + 7) * MIN).toISOString(), changes: { cargo: { description: t.amendedDescription } } };
            applyEvent(state, { event: amended as TruckEvent, hash: 2e6 + i });
          }
        });
        const dir = mkdtempSync(join(tmpdir(), 'cks-image-'));
        const file = fileSnapshotStore(join(dir, 'state.snapshot'));
        file.save({ seq: state.eventCount, eventId: 'last' }, stateImage(state));
        const loaded = file.load();
        rmSync(dir, { recursive: true, force: true });
        expect(loaded.ok).toBe(true);
        if (!loaded.ok) return;
        const back = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
        expect(restoreState(back, loaded.head, loaded.texts)).toEqual({ ok: true });
        expect(back.declarations).toEqual(state.declarations);
        // Not indexed yet: a look-up indexes what it needs first.
        for (const t of trucks) {
          expect(findByPlate(back, t.plate)).toEqual(findByPlate(state, t.plate));
          expect(idsOfTaxCode(back, t.taxCode)).toEqual(idsOfTaxCode(state, t.taxCode));
        }
        expect(back.plates).toEqual(state.plates);
        expect(back.byTaxCode).toEqual(state.byTaxCode);
        expect([...back.eventHashes.entries()]).toEqual([...state.eventHashes.entries()]);
        expect(stateImage(back)).toEqual(stateImage(state));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses rows whose string numbers are not in the list, leaving the state fresh', () => {
    const state = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
    applyEvent(state, { event: declared('D1', T0), hash: 1 });
    const image = stateImage(state);
    const back = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
    const short = { ...image.head, strings: image.head.strings.slice(0, -1) };
    expect(restoreState(back, short, image.texts)).toEqual({ ok: false, reason: 'a declaration is malformed' });
    expect(back.declarations.size).toBe(0);
    expect(restoreState(back, image.head, image.texts)).toEqual({ ok: true });
  });
});
