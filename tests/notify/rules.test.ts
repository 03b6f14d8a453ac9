import { describe, expect, it } from 'vitest';
import { change } from '../../server/core/change-feed.ts';
import { putNotice, type LiveState } from '../../server/domain/index.ts';
import { fedNotification, notificationsOf, worklistSizes, type RuleContext } from '../../server/notify/rules.ts';
import type { TruckEvent } from '../../shared/events.ts';
import type { NotificationBody } from '../../shared/notifications.ts';
import { feed, newState } from '../helpers/domain-run.ts';
import { ENTERPRISE_A, ENTERPRISE_B, NOW, TRUCKS, truckEvents } from '../helpers/people-seed.ts';
import { at, checked, iso } from '../helpers/truck-events.ts';

// The pure notification rules (server/notify/rules.ts): what a change causes, for whom, with which id.

function world(): LiveState {
  const state = newState();
  for (const e of TRUCKS.flatMap(truckEvents)) feed(state, e);
  return state;
}
const ctx = (state: LiveState, nowMs = NOW, over: Partial<RuleContext> = {}): RuleContext => ({
  state,
  nowMs,
  iso,
  settings: { worklistThreshold: 3, etaMoveMinutes: 30 },
  worklistBefore: worklistSizes(state),
  ...over,
});
const issue = (state: LiveState, o: { id: string; from: number; until?: number; lifted?: number; direction?: 'export' | 'import' | 'both' }) =>
  putNotice(state, {
    id: o.id,
    issuedAt: iso(o.from),
    issuedBy: 'sct.vanhanh',
    gateIds: ['huu-nghi'],
    direction: o.direction ?? 'export',
    categories: ['fresh_fruit'],
    effectiveFrom: iso(o.from),
    ...(o.until === undefined ? {} : { effectiveUntil: iso(o.until) }),
    ...(o.lifted === undefined ? {} : { liftedAt: iso(o.lifted), liftedBy: 'sct.vanhanh' }),
    reason: { vi: 'Tạm dừng' },
  });
const byAudience = (list: NotificationBody[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const n of list) (out[n.audience] ??= []).push(n.id);
  return out;
};

describe('notice rules', () => {
  it('tells each enterprise of its own covered trucks not yet cleared, and no one else', () => {
    const state = world();
    issue(state, { id: 'TB-2022-0001', from: NOW - 60_000 });
    const made = notificationsOf(change(10, { notices: new Set(['TB-2022-0001']) }), ctx(state));
    // Hữu Nghị, export, fresh fruit: HN-1 (A) and HN-5 (B); HN-2 is an import, HN-3 cleared, TT-1 at another gate.
    expect(byAudience(made)).toEqual({
      [`enterprise:${ENTERPRISE_A.taxCode}`]: [`notice_started:TB-2022-0001:${ENTERPRISE_A.taxCode}`],
      [`enterprise:${ENTERPRISE_B.taxCode}`]: [`notice_started:TB-2022-0001:${ENTERPRISE_B.taxCode}`],
      // The gate system (its webhooks) hears of every covered truck at its gate.
      'gate:huu-nghi': ['notice_started:TB-2022-0001:gate:huu-nghi'],
    });
    const forGate = made.find((n) => n.audience === 'gate:huu-nghi');
    expect(forGate?.kind === 'notice_started' && forGate.params).toMatchObject({ trucks: 2, declarationIds: ['HN-1', 'HN-5'] });
    const forA = made.find((n) => n.audience === `enterprise:${ENTERPRISE_A.taxCode}`);
    expect(forA?.kind === 'notice_started' && forA.params).toMatchObject({ noticeId: 'TB-2022-0001', trucks: 1, plates: ['12C-111.11'], declarationIds: ['HN-1'] });
    expect(JSON.stringify(forA)).not.toContain('12C-555.55');
  });

  it('says ended once a notice that had started is lifted; nothing for one lifted before it started', () => {
    const state = world();
    issue(state, { id: 'TB-1', from: NOW - 3_600_000, lifted: NOW - 60_000 });
    issue(state, { id: 'TB-2', from: NOW + 3_600_000, lifted: NOW - 60_000 });
    issue(state, { id: 'TB-3', from: NOW + 3_600_000 });
    const made = notificationsOf(change(10, { notices: new Set(['TB-1', 'TB-2', 'TB-3']) }), ctx(state));
    expect(made.map((n) => n.id).sort()).toEqual(
      [`notice_ended:TB-1:${ENTERPRISE_A.taxCode}`, `notice_ended:TB-1:${ENTERPRISE_B.taxCode}`, 'notice_ended:TB-1:gate:huu-nghi'].sort(),
    );
  });
});

describe('truck rules', () => {
  it('a rejection (with its note) and a clearance go to the owner only, with ids from the fact', () => {
    const state = world();
    const rejection: TruckEvent = { ...checked('HN-1', at('2022-01-10 13:00'), 'quarantine', 'rejected'), note: 'thiếu giấy kiểm dịch' } as TruckEvent;
    feed(state, rejection);
    feed(state, { eventId: 'HN-5-cleared', type: 'cleared', declarationId: 'HN-5', gateId: 'huu-nghi', occurredAt: iso(at('2022-01-10 13:30')) });
    const made = notificationsOf(change(20, { declarations: new Set(['HN-1', 'HN-5']) }), ctx(state));
    expect(made.map((n) => [n.id, n.audience])).toEqual([
      [`check_rejected:HN-1:quarantine:HN-1-chk-quarantine-0`, `enterprise:${ENTERPRISE_A.taxCode}`],
      ['truck_cleared:HN-5', `enterprise:${ENTERPRISE_B.taxCode}`],
    ]);
    const rejected = made[0];
    expect(rejected?.kind === 'check_rejected' && rejected.params.note).toBe('thiếu giấy kiểm dịch');
    // The same facts again (the declaration touched later) give the same ids: the store keeps one.
    expect(notificationsOf(change(21, { declarations: new Set(['HN-1', 'HN-5']) }), ctx(state)).map((n) => n.id)).toEqual(made.map((n) => n.id));
  });
});

describe('worklist rule', () => {
  it('rings for each force when its worklist reaches the threshold from below, not again while above', () => {
    const state = world();
    const c = ctx(state);
    // Hữu Nghị has 3 queued trucks (HN-1, HN-2, HN-5): put the threshold at 4, then one more arrives.
    c.settings = { worklistThreshold: 4, etaMoveMinutes: 30 };
    for (const e of truckEvents({ id: 'HN-9', gateId: 'huu-nghi', direction: 'import', plate: '29H-999.99', owner: ENTERPRISE_B, declaredAt: NOW - 60_000, arrivedAt: NOW - 30_000 })) feed(state, e);
    const made = notificationsOf(change(30, { gates: new Set(['huu-nghi']) }), c);
    expect(made.map((n) => n.audience).sort()).toEqual(['force:huu-nghi:border_guard', 'force:huu-nghi:customs', 'force:huu-nghi:quarantine']);
    expect(made[0]?.id).toBe('worklist_threshold:huu-nghi:border_guard:2022-01-10T14');
    expect(notificationsOf(change(31, { gates: new Set(['huu-nghi']) }), c)).toEqual([]);
  });
});

describe('fed facts', () => {
  it('an ETA that moved less than the setting makes nothing; more goes to the owner; a recommendation to operators', () => {
    const c = ctx(world());
    const eta = (minutes: number) => ({ kind: 'eta_moved' as const, taxCode: ENTERPRISE_A.taxCode, params: { declarationId: 'HN-1', plate: '12C-111.11', oldEta: iso(NOW), newEta: iso(NOW + minutes * 60_000) } });
    expect(fedNotification(eta(10), c)).toBeUndefined();
    expect(fedNotification(eta(45), c)).toMatchObject({ audience: `enterprise:${ENTERPRISE_A.taxCode}`, kind: 'eta_moved' });
    const rec = fedNotification(
      { kind: 'recommended_notice', params: { gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: iso(NOW + 86_400_000), reason: 'bãi sắp đầy' } },
      c,
    );
    expect(rec).toMatchObject({ audience: 'operator', id: `recommended_notice:huu-nghi:export:fresh_fruit:${iso(NOW + 86_400_000)}` });
  });
});
