import type { Config } from '../../shared/config.ts';
import { NotificationParams, type EtaMovedParams, type NotificationBody, type RecommendedNoticeParams } from '../../shared/notifications.ts';
import { FORCES, type Force } from '../../shared/primitives.ts';
import type { Change } from '../core/change-feed.ts';
import { endOf, isActiveAt, statusOf, totalOf, trucksCoveredBy, type DeclarationState, type LiveState, type StopNoticeRecord } from '../domain/index.ts';

// Which notifications a committed change causes — pure: a Change and the state after it (read access),
// the clock, the settings, and the one thing a rule must remember between changes (worklist sizes).
//
// Rules are level-triggered on the state after the change, and each notification's id is made from what
// caused it (kind + subject + the notice / check event / hour), never from when this node saw it: every
// node of a deployment runs the same rules on the same journal, and the store keeps the first insert of
// an id, so a notification is created once per deployment, whichever node gets there first, and a
// repeated fact (a cleared truck touched again) adds nothing.
//
// EXTENSION POINT — a new kind: (1) its params schema in shared/notifications.ts (NotificationParams and
// NotificationBody), (2) a Rule here added to RULES (or, for facts computed elsewhere, a case of
// FedNotification below, fed through feedNotification in server/notify/notifier.ts), (3) its sentence in
// client/src/i18n/vi.ts and en.ts (notifications.kinds.<kind>). Nothing else changes: storage, live push,
// webhooks and the HTTP list carry any kind.

export interface RuleContext {
  state: Readonly<LiveState>;
  nowMs: number;
  /** Server clock time as ISO with the deployment's offset. */
  iso(ms: number): string;
  settings: Pick<Config['notifications'], 'worklistThreshold' | 'etaMoveMinutes'>;
  /**
   * Worklist sizes (`<gate>:<force>` → trucks awaiting that force) as this node last saw them: the only
   * "before" a rule needs. A rule updates it; a key not seen yet is recorded without notifying.
   */
  worklistBefore: Map<string, number>;
  /** Enterprises someone can hear (a user account — the only way to a centre or a webhook); default: every one. */
  hears?: (taxCode: string) => boolean;
}

export type Rule = (change: Change, ctx: RuleContext) => NotificationBody[];

const enterprise = (taxCode: string): string => `enterprise:${taxCode}`;
const forceRoom = (gateId: string, force: Force): string => `force:${gateId}:${force}`;
/** A gate system (no console: its webhooks are the only reader). */
export const gateAudience = (gateId: string): string => `gate:${gateId}`;
const SAMPLE = 20;

/**
 * A notice started (in force now) or ended (lifted or expired after it had started): tell each owner of
 * covered trucks, and each gate of the notice (its gate system's webhooks: `gate:<id>`), with its covered trucks.
 */
export const noticeEdges: Rule = (change, { state, nowMs, iso, hears }) =>
  [...change.notices].flatMap((id) => {
    const record = state.notices.get(id);
    if (!record) return [];
    const kind = edgeOf(record, nowMs);
    if (!kind) return [];
    // When it took effect for the reader (a notice issued after its effectiveFrom: at issue), or when it ended.
    const createdAt = iso(kind === 'notice_started' ? Math.max(record.fromMs, Date.parse(record.notice.issuedAt)) : (endOf(record) ?? nowMs));
    const { notice } = record;
    const body = (subject: string, audience: string, trucks: readonly DeclarationState[]): NotificationBody => {
      const sample = [...trucks].sort((a, b) => a.declared.declarationId.localeCompare(b.declared.declarationId)).slice(0, SAMPLE);
      return {
        id: `${kind}:${notice.id}:${subject}`,
        kind,
        audience,
        createdAt,
        params: {
          noticeId: notice.id,
          gateIds: notice.gateIds,
          direction: notice.direction,
          ...(notice.categories ? { categories: notice.categories } : {}),
          trucks: trucks.length,
          plates: sample.map((d) => d.declared.vehicle.plate),
          declarationIds: sample.map((d) => d.declared.declarationId),
        },
      };
    };
    const byOwner = trucksCoveredBy(state, record);
    const all = [...byOwner.values()].flat();
    return [
      ...[...byOwner].filter(([taxCode]) => hears?.(taxCode) ?? true).map(([taxCode, trucks]) => body(taxCode, enterprise(taxCode), trucks)),
      ...notice.gateIds.map((gateId) => body(gateAudience(gateId), gateAudience(gateId), all.filter((d) => d.declared.gateId === gateId))),
    ];
  });

function edgeOf(record: StopNoticeRecord, nowMs: number): 'notice_started' | 'notice_ended' | undefined {
  if (isActiveAt(record, nowMs)) return 'notice_started';
  const end = endOf(record);
  // Ended, and it had been in force (a notice lifted before its start never started).
  return end !== undefined && end <= nowMs && end > record.fromMs && record.fromMs <= nowMs ? 'notice_ended' : undefined;
}

/** A truck cleared; a force's standing check is a rejection (with its note). Owner only. */
export const truckFacts: Rule = (change, { state, iso, hears }) =>
  [...change.declarations].flatMap((id) => {
    const d = state.declarations.get(id);
    if (!d || !(hears?.(d.declared.enterprise.taxCode) ?? true)) return [];
    const { gateId, enterprise: owner, vehicle } = d.declared;
    const out: NotificationBody[] = [];
    const status = statusOf(d);
    if (status === 'cleared' && d.clearedAt !== undefined) {
      out.push({
        id: `truck_cleared:${id}`,
        kind: 'truck_cleared',
        audience: enterprise(owner.taxCode),
        createdAt: iso(d.clearedAt),
        params: { declarationId: id, plate: vehicle.plate, gateId, clearedAt: iso(d.clearedAt) },
      });
    }
    if (status === 'cleared' || status === 'cancelled') return out;
    for (const force of FORCES) {
      const check = d.checks[force];
      if (check?.result !== 'rejected') continue;
      out.push({
        id: `check_rejected:${id}:${force}:${check.eventId}`,
        kind: 'check_rejected',
        audience: enterprise(owner.taxCode),
        createdAt: iso(check.at),
        params: { declarationId: id, plate: vehicle.plate, gateId, force, ...(check.note === undefined ? {} : { note: check.note }) },
      });
    }
    return out;
  });

/** A force's worklist at a gate reached the threshold (from below). At most one per gate, force and local hour. */
export const worklistThreshold: Rule = (change, { state, nowMs, iso, settings, worklistBefore }) =>
  [...change.gates].flatMap((gateId) => {
    const gate = state.gates.get(gateId);
    if (!gate) return [];
    return FORCES.flatMap((force): NotificationBody[] => {
      const key = `${gateId}:${force}`;
      const count = totalOf(gate, (c) => c.awaiting[force]);
      const before = worklistBefore.get(key);
      worklistBefore.set(key, count);
      const threshold = settings.worklistThreshold;
      if (before === undefined || before >= threshold || count < threshold) return [];
      const createdAt = iso(nowMs);
      // Nodes see the same crossing within moments of each other: the local hour makes their ids agree
      // (and keeps a queue hovering at the threshold from ringing more than once an hour).
      return [{ id: `worklist_threshold:${key}:${createdAt.slice(0, 13)}`, kind: 'worklist_threshold', audience: forceRoom(gateId, force), createdAt, params: { gateId, force, count, threshold } }];
    });
  });

/** Every rule run on each change, in order. */
export const RULES: readonly Rule[] = [noticeEdges, truckFacts, worklistThreshold];

export const notificationsOf = (change: Change, ctx: RuleContext): NotificationBody[] => RULES.flatMap((rule) => rule(change, ctx));

/** Worklist sizes now, to prime `worklistBefore` (a node starting does not ring for a queue already long). */
export function worklistSizes(state: Readonly<LiveState>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [gateId, gate] of state.gates) for (const force of FORCES) sizes.set(`${gateId}:${force}`, totalOf(gate, (c) => c.awaiting[force]));
  return sizes;
}

// Facts computed elsewhere (the queue forecast), fed in through feedNotification (server/notify/notifier.ts).

export type FedNotification =
  | { kind: 'eta_moved'; taxCode: string; params: EtaMovedParams }
  | { kind: 'recommended_notice'; params: RecommendedNoticeParams };

/** The notification a fed fact makes, or undefined when it does not warrant one (an ETA moved too little). */
export function fedNotification(input: FedNotification, ctx: Pick<RuleContext, 'nowMs' | 'iso' | 'settings'>): NotificationBody | undefined {
  const createdAt = ctx.iso(ctx.nowMs);
  switch (input.kind) {
    case 'eta_moved': {
      const params = NotificationParams.eta_moved.parse(input.params);
      const movedMs = Math.abs(Date.parse(params.newEta) - Date.parse(params.oldEta));
      if (movedMs < ctx.settings.etaMoveMinutes * 60_000) return undefined;
      return { id: `eta_moved:${params.declarationId}:${params.newEta}`, kind: 'eta_moved', audience: enterprise(input.taxCode), createdAt, params };
    }
    case 'recommended_notice': {
      const params = NotificationParams.recommended_notice.parse(input.params);
      const what = [params.gateIds.join(','), params.direction, params.categories?.join(',') ?? 'all', params.effectiveFrom].join(':');
      return { id: `recommended_notice:${what}`, kind: 'recommended_notice', audience: 'operator', createdAt, params };
    }
  }
}
