import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../server/core/app-core.ts';
import { allGateStatuses } from '../../server/domain/index.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { manualClock } from '../helpers/people.ts';
import { demoConfig } from '../helpers/test-server.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';

// A burst of live connections each gets a snapshot of every gate's status: the core computes them once
// per journal position and second, and what it hands out is always what a fresh computation at that
// instant would say — never the figures of another position, never more than a second old.

describe('the gates’ statuses now, shared by readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cks-statuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses one computation within a second at one position, and recomputes after a commit or a second', async () => {
    const clock = manualClock(at('2022-01-10 08:00'));
    const store = openSqliteStore(join(dir, 'events.db'));
    const core = await openAppCore({ config: demoConfig(), store, clock, snapshotPolicy: { everyEvents: Infinity } });
    const fresh = (): unknown => core.read((s) => allGateStatuses(s, clock.now()));
    try {
      const first = core.currentGateStatuses();
      expect(first).toEqual(fresh());
      clock.set(at('2022-01-10 08:00') + 999);
      expect(core.currentGateStatuses()).toBe(first); // the same position, within the second: shared

      // A commit moves the position: the next reader sees it at once.
      const ack = await core.ingest('huu-nghi', [
        { ok: true, value: declared('D1', at('2022-01-10 07:00')) },
        { ok: true, value: lifecycle('arrived', 'D1', at('2022-01-10 07:30')) },
      ]);
      expect(ack.accepted).toBe(2);
      const after = core.currentGateStatuses();
      expect(after).not.toBe(first);
      expect(after).toEqual(fresh());
      expect(after.find((g) => g.id === 'huu-nghi')?.queue.export).toBe(1);

      // The clock alone: a second later they are computed again.
      clock.set(at('2022-01-10 08:00') + 2_000);
      const later = core.currentGateStatuses();
      expect(later).not.toBe(after);
      expect(later).toEqual(fresh());
      // A clock set back (a replay's) is never answered from the future.
      clock.set(at('2022-01-10 07:59'));
      expect(core.currentGateStatuses()).toEqual(fresh());
    } finally {
      await core.close();
      await store.close();
    }
  });
});
