import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import { createLiveCore, systemClock, type LiveCore } from '../../server/core.ts';
import { allGateStatuses, createState, restoreState, stateImage } from '../../server/domain/index.ts';
import { ingestBatch } from '../../server/http/ingest.ts';
import { mulberry32 } from '../../server/sim/rng.ts';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite-store.ts';
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

function ingestAll(core: LiveCore, events: readonly TruckEvent[]): void {
  for (const gateId of GATES) {
    const mine = events.filter((e) => e.gateId === gateId);
    for (let i = 0; i < mine.length; i += 500) {
      const { result } = ingestBatch(core, gateId, mine.slice(i, i + 500).map((value) => ({ ok: true, value })));
      expect(result.rejected).toEqual([]);
    }
  }
}

const noSnapshots: SnapshotStore = { save: () => ({ bytes: 0 }), load: () => ({ ok: false, reason: 'no snapshot' }) };

describe('state snapshots', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  const open = (dir: string): SqliteStore => {
    const store = openSqliteStore(join(dir, 'events.db'));
    stores.push(store);
    return store;
  };
  const core = (store: SqliteStore, snapshots?: SnapshotStore): LiveCore =>
    createLiveCore({ config: demoConfig(), log: store.events, notices: store.notices, clock: systemClock, snapshotEveryEvents: Infinity, ...(snapshots ? { snapshots } : {}) });
  const fresh = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cks-snap-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A log of part 1 + part 2 with a snapshot taken between them; returns the live core's state figures. */
  function logWithSnapshotBetween(dir: string): { live: LiveCore; part2: number } {
    const live = core(open(dir));
    ingestAll(live, seededEvents(300, 7, 'A'));
    expect(live.saveSnapshot()?.seq).toBeGreaterThan(0);
    const part2 = seededEvents(120, 8, 'B');
    ingestAll(live, part2);
    return { live, part2: part2.length };
  }

  it('snapshot + the log tail builds the same state as a full replay', () => {
    const dir = fresh();
    const { live, part2 } = logWithSnapshotBetween(dir);
    // A second connection to the same files, as a restart after a hard kill would see them.
    const restarted = core(open(dir));
    const full = core(open(dir), noSnapshots);
    expect(restarted.rebuilt.fromSeq).toBeGreaterThan(0);
    expect(restarted.rebuilt.replayed).toBe(part2);
    expect(full.rebuilt).toEqual({ fromSeq: 0, replayed: live.state.eventCount, snapshotRefused: 'no snapshot' });
    expect(stateImage(restarted.state)).toEqual(stateImage(full.state));
    expect(stateImage(restarted.state)).toEqual(stateImage(live.state));
    // The indexes rebuilt from the declarations, not stored.
    for (const [id, gate] of full.state.gates) expect(restarted.state.gates.get(id)?.queuedIds).toEqual(gate.queuedIds);
    expect(restarted.state.plates).toEqual(full.state.plates);
    expect(restarted.state.byTaxCode).toEqual(full.state.byTaxCode);
    expect(restarted.state.eventHashes).toEqual(full.state.eventHashes);
    const now = T0 + 10 * 24 * 60 * MIN;
    expect(allGateStatuses(restarted.state, now)).toEqual(allGateStatuses(full.state, now));
    expect(restarted.state.version).toBe(full.state.version);
  });

  it('a corrupt snapshot is refused and the whole log is replayed', () => {
    const dir = fresh();
    const { live } = logWithSnapshotBetween(dir);
    const file = join(dir, 'state.snapshot');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const restarted = core(open(dir));
    expect(restarted.rebuilt).toMatchObject({ fromSeq: 0, snapshotRefused: 'checksum mismatch', replayed: live.state.eventCount });
    expect(stateImage(restarted.state)).toEqual(stateImage(live.state));
  });

  it('refuses a truncated snapshot, one of another version, and one of another log', () => {
    const dir = fresh();
    const { live } = logWithSnapshotBetween(dir);
    const file = join(dir, 'state.snapshot');
    const good = readFileSync(file);

    writeFileSync(file, good.subarray(0, good.length - 100));
    expect(core(open(dir)).rebuilt.snapshotRefused).toBe('checksum mismatch');

    writeFileSync(file, Buffer.concat([Buffer.from('cks-snapshot 2'), good.subarray(good.indexOf(10))]));
    expect(core(open(dir)).rebuilt.snapshotRefused).toBe('not a snapshot of this version');

    // The same snapshot next to a different log (same number of rows, other events).
    const other = fresh();
    const otherCore = core(open(other));
    ingestAll(otherCore, seededEvents(300, 9, 'C'));
    writeFileSync(join(other, 'state.snapshot'), good);
    const restarted = core(open(other));
    expect(restarted.rebuilt.fromSeq).toBe(0);
    expect(restarted.rebuilt.snapshotRefused).toMatch(/^log has no event/);
    expect(stateImage(restarted.state)).toEqual(stateImage(otherCore.state));
    expect(live.state.eventCount).toBeGreaterThan(0);
  });

  it('refuses a well-formed file whose declarations are malformed, leaving the state fresh', () => {
    const state = createState({ timezone: 'Asia/Ho_Chi_Minh', gates: demoConfig().gates });
    const head = { ...stateImage(state).head, eventCount: 1, eventHashes: new Float64Array(1) };
    expect(restoreState(state, head, ['[["D1", null, null, null, null, {}]]', '["e1"]'])).toEqual({ ok: false, reason: 'a declaration or eventId is malformed' });
    expect(state.declarations.size).toBe(0);
    expect(restoreState(state, head, ['[]', '["e1"]'])).toEqual({ ok: true });
  });

  it('refuses an image taken under other gates (a config change) and replays instead', () => {
    const dir = fresh();
    logWithSnapshotBetween(dir);
    const config = demoConfig();
    const fewer = { ...config, gates: config.gates.filter((g) => g.id !== 'chi-ma') };
    const store = open(dir);
    const restarted = createLiveCore({ config: fewer, log: store.events, notices: store.notices, clock: systemClock });
    expect(restarted.rebuilt.fromSeq).toBe(0);
    expect(restarted.rebuilt.snapshotRefused).toBe('taken under another timezone or set of gates');
  });

  it('a due snapshot waits until ingest has been idle, never between batches of a sustained ingest', async () => {
    const dir = fresh();
    const store = open(dir);
    const written: number[] = [];
    const live = createLiveCore({
      config: demoConfig(),
      log: store.events,
      notices: store.notices,
      clock: systemClock,
      snapshotEveryEvents: 50,
      snapshotIdleMs: 300,
      onSnapshot: (outcome) => {
        if (outcome instanceof Error) throw outcome;
        written.push(outcome.seq);
      },
    });
    const events = seededEvents(200, 5, 'I').filter((e) => e.gateId === 'huu-nghi');
    // Sustained ingest: a batch every ≈ 25 ms for well over the idle time, the threshold passed early on.
    for (let i = 0; i < events.length; i += 5) {
      expect(ingestBatch(live, 'huu-nghi', events.slice(i, i + 5).map((value) => ({ ok: true, value }))).result.rejected).toEqual([]);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((events.length / 5) * 25).toBeGreaterThan(2 * 300);
    expect(written).toEqual([]);
    // Ingest pauses: the due snapshot is written, covering everything held.
    await new Promise((r) => setTimeout(r, 800));
    expect(written).toEqual([live.state.eventCount]);
    const snapshot = fileSnapshotStore(join(dir, 'state.snapshot')).load();
    expect(snapshot.ok && snapshot.meta.seq).toBe(live.state.eventCount);
  });

  it('a graceful close writes a snapshot; nothing new, nothing rewritten', () => {
    const dir = fresh();
    const store = openSqliteStore(join(dir, 'events.db'));
    const live = core(store);
    ingestAll(live, seededEvents(50, 3, 'G'));
    store.close();
    const snapshot = fileSnapshotStore(join(dir, 'state.snapshot')).load();
    expect(snapshot.ok && snapshot.meta.seq).toBe(live.state.eventCount);
    const again = core(open(dir));
    expect(again.rebuilt).toEqual({ fromSeq: live.state.eventCount, replayed: 0 });
    expect(again.saveSnapshot()).toBeUndefined();
  });
});
