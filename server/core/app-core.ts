import { randomUUID } from 'node:crypto';
import type { ClockControl, ClockStatus } from '../../shared/clock.ts';
import type { Config } from '../../shared/config.ts';
import type { CheckRequest, DeclarationView } from '../../shared/declarations.ts';
import type { GateStatus } from '../../shared/gates.ts';
import type { CustomsImportReport, CustomsRow, CustomsRowReport } from '../../shared/customs.ts';
import { JournalEvent, type AmendmentChanges, type CheckedEvent, type StepEvent, type TruckEvent } from '../../shared/events.ts';
import type { ProcedureChange, ProcedureChangeRequest, ProcedurePreview, RuleChange, ServicePatternRequest, StepRequest } from '../../shared/procedures.ts';
import type { StepActor } from '../../shared/primitives.ts';
import type { BatchResult } from '../../shared/ingest.ts';
import type { Notice, NoticeDraft } from '../../shared/notices.ts';
import type { Force } from '../../shared/primitives.ts';
import {
  alertsList,
  allGateStatuses,
  applyBatch,
  applyRuleChange,
  checkProblem,
  createBatchOverlay,
  createState,
  declarationView,
  draftProblem,
  isActiveAt,
  liftCheck,
  matchCustomsRow,
  nextNoticeId,
  nextRuleId,
  noticeRecord,
  noticeView,
  procedurePreview,
  procedureProblem,
  putNotice,
  ruleProblem,
  stepProblem,
  updateAlerts,
  indexPending,
  type LiveState,
  type LocalTime,
} from '../domain/index.ts';
import type { LogRecord } from '../store/event-log.ts';
import type { StoredNotice } from '../store/side-tables.ts';
import type { SnapshotStore } from '../store/snapshot-file.ts';
import type { Store, Tail } from '../store/store.ts';
import type { Alert } from '../../shared/alerts.ts';
import type { Recommendation } from '../domain/recommend.ts';
import { change, createChangeFeed, type ChangeFeed } from './change-feed.ts';
import type { Clock, SimulatedClock } from './clock.ts';
import { decideBatch, type CommittableEvent, type RawItem } from './decide-batch.ts';
import { applyStored, applyStoredDocument, decodeStored, rebuild, type RebuildInfo } from './rebuild.ts';
import { scheduleSnapshots, type SnapshotPolicy, type SnapshotSaved } from './snapshots.ts';
import { createWriteQueue } from './write-queue.ts';
import { createRecommendationBoard } from './recommendations.ts';

// The application core: between the edges (HTTP, Socket.IO, the simulator) and the pure domain. It
// owns the state (nobody else writes it; reads go through domain queries passed to `read`), owns the
// version, and runs every use case that changes anything on ONE single-writer path:
//   catch up (what other nodes committed) → decide (domain) → commit (the store, durably) → apply (domain)
//   → publish (change feed). A failed commit leaves the state as it was, plus what others had committed. The use cases are parse-free and transport-free: they
// take values the edges already parsed and answer with outcomes the edges turn into responses.

/** How long the gates' statuses computed at one journal position stand for "now" (the clock's tick recomputes them every second). */
const STATUS_REUSE_MS = 1_000;

export interface AppCoreDeps {
  config: Config;
  store: Store;
  clock: Clock;
  /** The same clock when it is a replay's: operators may change its speed. */
  simulatedClock?: SimulatedClock;
  /** Where snapshots of the state live (default: the store's own); none: every start replays the whole log. */
  snapshots?: SnapshotStore;
  snapshotPolicy?: SnapshotPolicy;
  /** How often the clock alone is looked at (notices start or end, clearedLastHour moves); default 1 s. */
  tickMs?: number;
  /** Recommended notices are recomputed at most this often (wall ms, default 5 s) and only when the journal or the hour moved. */
  recommendEveryMs?: number;
}

/** The database holds less of the journal than this node applied: restart the node to rebuild from it. */
export class JournalRewound extends Error {
  override name = 'JournalRewound';
}

/** The log row of an accepted event. */
const logRecord = ({ event, body }: CommittableEvent): LogRecord => ({
  eventId: event.eventId,
  declarationId: event.declarationId,
  gateId: event.gateId,
  type: event.type,
  occurredAtMs: Date.parse(event.occurredAt),
  body,
});

export type CheckOutcome =
  | { ok: true; view: DeclarationView; eventId: string }
  | { ok: false; error: 'not_found' | 'forbidden' | 'conflict'; message: string };

/** A check decided inside the write turn (its view is read after the commit). */
type CheckDecided = { ok: true; eventId: string } | Extract<CheckOutcome, { ok: false }>;

export type NoticeOutcome = { ok: true; notice: Notice } | { ok: false; error: 'bad_request' | 'not_found' | 'conflict'; message: string };

/** At most this many items are decided and committed in one group (the most one request may carry). */
export const GROUP_COMMIT_MAX_ITEMS = 10_000;

export type AmendOutcome =
  | { ok: true; view: DeclarationView; eventId: string }
  | { ok: false; error: 'not_found' | 'conflict' | 'not_receiving'; message: string; noticeId?: string };

export type RuleOutcome<T> = { ok: true; value: T } | { ok: false; error: 'bad_request'; message: string };

export type ClockOutcome = { ok: true; status: ClockStatus } | { ok: false; error: 'conflict'; message: string };

export interface AppCore {
  readonly clock: Clock;
  readonly localTime: LocalTime;
  /** Share of yard capacity at which a queue raises an operator alert. */
  readonly alertThreshold: number;
  /** How the state was rebuilt at start. */
  readonly rebuilt: RebuildInfo;
  /** The one change feed: every committed change, once. */
  readonly changes: Pick<ChangeFeed, 'subscribe'>;
  /** State version: the journal position the state stands at, the live stream's seq (the same at every node). */
  version(): number;
  /** Read the state through a domain query (never write through it). */
  read<T>(query: (state: Readonly<LiveState>) => T): T;
  /**
   * Every gate's status now — or as computed within the last second at the same journal position (by the
   * clock's tick or a reader), the figures the live clients were last sent. A burst of connections (each
   * gets a snapshot) then costs one computation, not one per client. Read-only: shared between readers.
   */
  currentGateStatuses(): readonly GateStatus[];
  /** A declaration's events from the log, decoded (stored events are facts). */
  eventsOf(declarationId: string): Promise<TruckEvent[]>;
  /** Use case: a gate's batch (items already split from the body). */
  ingest(keyGateId: string, items: readonly RawItem[]): Promise<BatchResult>;
  /** Use case: a border force confirms or rejects a truck at its gate. */
  recordCheck(by: { gateId: string | undefined; force: Force | undefined }, declarationId: string, check: CheckRequest): Promise<CheckOutcome>;
  /**
   * Use case: customs' own confirmations imported (a file or a pull): matched rows become `checked` events by
   * customs through the same path as gate events; a dry run decides the same and writes nothing.
   */
  importCustoms(by: { gateId: string | undefined }, parsed: { rows: readonly CustomsRow[]; invalid: readonly CustomsRowReport[] }, opts: { dryRun: boolean; fileSha256: string; fileName?: string }): Promise<CustomsImportReport>;
  /** Use case: the enterprise that owns a declaration corrects it (CONTRACT §1 "Amendments"). */
  amendDeclaration(by: { username: string; taxCode: string | undefined }, declarationId: string, changes: AmendmentChanges): Promise<AmendOutcome>;
  /** Use case: the actor a truck's procedure names confirms or refuses its hand-over step. */
  recordStep(by: { gateId: string | undefined; actor: StepActor | undefined }, declarationId: string, step: StepRequest): Promise<CheckOutcome>;
  /** What a procedure change would do to the trucks in the yards and on the way (nothing is written). */
  previewProcedure(request: ProcedureChangeRequest): RuleOutcome<ProcedurePreview>;
  /** Use case: an operator changes the procedure of a scope from a time now or later. */
  changeProcedure(by: string, request: ProcedureChangeRequest): Promise<RuleOutcome<{ change: ProcedureChange; preview: ProcedurePreview }>>;
  /** Use case: an operator sets gates' service pattern (from now). */
  setServicePattern(by: string, request: ServicePatternRequest): Promise<RuleOutcome<RuleChange>>;
  /** Use case: an operator issues a stop-receiving notice. */
  issueNotice(by: string, draft: NoticeDraft): Promise<NoticeOutcome>;
  /** Operator alerts: queues over the line, undecodable log rows, recommended notices. */
  alerts(): Alert[];
  /** A recommended notice shown now (or dismissed), by id. */
  recommendation(id: string): Recommendation | undefined;
  /** Use case: an operator dismisses a recommended notice (the edge records it in the audit log). False when none is shown. */
  dismissRecommendation(id: string): boolean;
  /** Use case: an operator lifts a notice now. */
  liftNotice(by: string, id: string): Promise<NoticeOutcome>;
  /** Use case: an operator sets the replay clock's speed or pauses it. */
  setClock(control: ClockControl): ClockOutcome;
  clockStatus(): ClockStatus;
  /** Re-evaluate what the clock alone changes (clearedLastHour moves, notices start or end); publish it. */
  tick(): void;
  /** Apply what other nodes committed since the state's position (the follower calls it); resolves when caught up. */
  catchUp(): Promise<void>;
  /** Write a snapshot of the state now (no-op without a snapshot store or when nothing changed since). */
  saveSnapshot(): SnapshotSaved | undefined;
  /** Wait for the writer, stop timers, write the last snapshot. */
  close(): Promise<void>;
}

export async function openAppCore(deps: AppCoreDeps): Promise<AppCore> {
  const { config, store, clock } = deps;
  const state = createState({ timezone: config.timezone, gates: config.gates, procedures: config.procedures, priority: config.priority });
  const alertThreshold = config.alerts.queueShareOfCapacity;
  const snapshotStore = 'snapshots' in deps ? deps.snapshots : store.snapshots;
  const rebuilt = await rebuild(state, store, snapshotStore);
  if (state.undecodable.count > 0) state.undecodable.sinceMs = clock.now();
  updateAlerts(state, state.gates.keys(), alertThreshold, clock.now());
  // The journal position the state stands at (the version), and the last event in it (for snapshots).
  let position = rebuilt.position;
  let lastEvent = rebuilt.lastEvent;
  const feed = createChangeFeed();
  const writer = createWriteQueue();
  const snapshots = snapshotStore
    ? scheduleSnapshots(state, snapshotStore, () => lastEvent, deps.snapshotPolicy ?? {}, { seq: rebuilt.fromSeq, sinceSnapshot: rebuilt.replayed })
    : undefined;
  // What the clock alone changes, compared with what was last seen.
  const lastStatus = new Map(allGateStatuses(state, clock.now()).map((g) => [g.id, JSON.stringify(g)]));
  let noticeActive = new Map([...state.notices].map(([id, n]) => [id, isActiveAt(n, clock.now())]));

  const board = createRecommendationBoard(
    (query) => query(state),
    (ms) => state.localTime.formatIso(ms),
    (ms) => state.localTime.hourIndex(ms),
    config.recommend,
    deps.recommendEveryMs ?? 5_000,
  );
  // Dismissals are audit rows, shared by every node: read them at start and every 10 s.
  const readDismissed = async (): Promise<boolean> => {
    const rows = await store.audit.query({ action: 'recommendation_dismissed', limit: 1000 });
    return board.setDismissed(rows.flatMap((r) => {
      const target = (JSON.parse(r.body) as { target?: unknown }).target;
      return typeof target === 'string' ? [target] : [];
    }));
  };
  await readDismissed();
  board.refresh(position, clock.now());
  let dismissedReadAt = Date.now();

  /** The gates' statuses last computed, with the position and instant they are of (`currentGateStatuses`). */
  let statusMemo: { position: number; at: number; gates: readonly GateStatus[] } | undefined;
  const statusesAt = (now: number): readonly GateStatus[] => {
    const gates = allGateStatuses(state, now);
    statusMemo = { position, at: now, gates };
    return gates;
  };
  const ticker = setInterval(() => core.tick(), deps.tickMs ?? 1_000);
  ticker.unref();
  // After a snapshot's restore the plates and tax codes are indexed once the server serves: 20,000
  // declarations a turn of the loop (≈ 50 ms), so requests and live deltas go on meanwhile.
  let indexing: NodeJS.Immediate | undefined;
  const indexSlice = (): void => {
    indexing = indexPending(state, 20_000) ? undefined : setImmediate(indexSlice);
  };
  indexing = setImmediate(indexSlice);
  const isoNow = (): string => state.localTime.formatIso(clock.now());

  /** What a tail or a commit touched, gathered into one change. */
  interface Touched {
    gates: Set<string>;
    declarations: Set<string>;
    notices: Set<string>;
  }
  const nothingTouched = (): Touched => ({ gates: new Set(), declarations: new Set(), notices: new Set() });

  /** Apply what others committed (a tail of the journal). Synchronous: the state and its position move together. */
  function applyTail(tail: Tail, into: Touched): void {
    for (const record of tail.events) {
      const event = applyStored(state, record);
      lastEvent = { seq: record.seq, eventId: event?.eventId };
      if (!event) continue;
      into.gates.add(event.gateId);
      into.declarations.add(event.declarationId);
    }
    for (const row of tail.notices) {
      const applied = applyStoredDocument(state, row);
      if (applied.kind === 'rule') {
        for (const g of applied.gates) into.gates.add(g);
        for (const d of applied.declarations) into.declarations.add(d);
        continue;
      }
      const { notice, record } = applied;
      noticeActive.set(notice.id, isActiveAt(record, clock.now()));
      into.notices.add(notice.id);
      for (const g of notice.gateIds) into.gates.add(g);
    }
    if (tail.events.length > 0) snapshots?.committed(tail.events.length);
    position = Math.max(position, tail.position);
  }

  /** Publish one change (when anything moved): alerts are looked at for the gates it touched. */
  function publish(touched: Touched): void {
    if (touched.gates.size === 0 && touched.declarations.size === 0 && touched.notices.size === 0) return;
    const alertsChanged = updateAlerts(state, touched.gates, alertThreshold, clock.now());
    feed.publish(change(position, { ...touched, alertsChanged }));
  }

  /**
   * The single write path: one turn of the writer, one store write. Inside the store's serialised turn the
   * state first catches up with what other nodes committed, then `decide` runs against it (synchronously);
   * what it wants stored is committed durably, then applied, then published as one change.
   */
  function writeTurn<T>(decide: () => { records?: readonly CommittableEvent[]; notice?: StoredNotice; rule?: RuleChange; result: T }): Promise<T> {
    return writer.run(async () => {
      const touched = nothingTouched();
      let decided: ReturnType<typeof decide> | undefined;
      try {
        const written = await store.write(position, (tail) => {
          applyTail(tail, touched);
          decided = decide();
          return {
            result: decided.result,
            ...(decided.records ? { records: decided.records.map(logRecord) } : {}),
            ...(decided.notice ? { notice: decided.notice } : decided.rule ? { notice: decided.rule } : {}),
          };
        });
        // Durable: apply what was written, in journal order (positions after the tail's).
        const accepted = decided?.records ?? [];
        if (accepted.length > 0) {
          for (const id of applyBatch(state, accepted)) touched.declarations.add(id);
          for (const a of accepted) touched.gates.add(a.event.gateId);
          const last = accepted.at(-1);
          lastEvent = { seq: written.seqs.at(-1) ?? lastEvent.seq, eventId: last?.event.eventId };
          snapshots?.committed(accepted.length);
        }
        if (decided?.notice) {
          const record = putNotice(state, decided.notice);
          noticeActive.set(decided.notice.id, isActiveAt(record, clock.now()));
          touched.notices.add(decided.notice.id);
          for (const g of decided.notice.gateIds) touched.gates.add(g);
        }
        if (decided?.rule) {
          const applied = applyRuleChange(state, decided.rule);
          for (const g of applied.gates) touched.gates.add(g);
          for (const d of applied.declarations) touched.declarations.add(d);
        }
        position = Math.max(position, written.position);
        return written.result;
      } finally {
        // What the tail brought is the state's now, whether or not this turn's own write went through.
        publish(touched);
      }
    });
  }

  // Group commit: the gates' requests that arrive while a write turn runs are decided together in the next
  // turn and committed in one transaction — one fsync for all of them. Each is decided, in arrival order,
  // against the state plus what the earlier ones of its group accepted (one shared overlay), so each gets the
  // answer it would get alone after them; each still hears back only once its events are durable.
  interface PendingIngest {
    keyGateId: string;
    items: readonly RawItem[];
    resolve: (result: BatchResult) => void;
    reject: (error: unknown) => void;
  }
  const pendingIngests: PendingIngest[] = [];
  let ingestTurnQueued = false;
  /** The requests of the next group: in arrival order, up to GROUP_COMMIT_MAX_ITEMS items (at least one request). */
  function takeIngestGroup(): PendingIngest[] {
    let items = 0;
    let n = 0;
    for (const next of pendingIngests) {
      if (n > 0 && items + next.items.length > GROUP_COMMIT_MAX_ITEMS) break;
      items += next.items.length;
      n += 1;
    }
    ingestTurnQueued = false;
    const group = pendingIngests.splice(0, n);
    if (pendingIngests.length > 0) queueIngestTurn();
    return group;
  }
  function queueIngestTurn(): void {
    ingestTurnQueued = true;
    let group: PendingIngest[] | undefined;
    writeTurn(() => {
      group = takeIngestGroup();
      const overlay = createBatchOverlay();
      const records: CommittableEvent[] = [];
      const results = group.map((request) => {
        const decided = decideBatch(state, request.keyGateId, request.items, undefined, overlay);
        for (const a of decided.accepted) records.push(a);
        return decided.result;
      });
      return { records, result: results };
    }).then(
      (results) => results.forEach((result, i) => group?.[i]?.resolve(result)),
      // The store failed (before or after deciding): every request of the group hears it.
      (error: unknown) => {
        for (const request of group ?? takeIngestGroup()) request.reject(error);
      },
    );
  }

  async function catchUp(): Promise<void> {
    await writer.run(async () => {
      // A journal shorter than what this node applied: the database went back in time (restored from a
      // backup, or a failover to a standby that had not received the last commits). This state holds
      // events the database no longer has; it must not serve or decide on them — start again from the database.
      const top = await store.position();
      if (top < position) throw new JournalRewound(`the journal ends at ${top} but this node applied up to ${position}`);
      if (top === position) return;
      for (;;) {
        const tail = await store.tail(position);
        const touched = nothingTouched();
        applyTail(tail, touched);
        publish(touched);
        if (tail.complete) return;
      }
    });
  }

  const core: AppCore = {
    clock,
    localTime: state.localTime,
    alertThreshold,
    rebuilt,
    changes: feed,
    version: () => position,
    currentGateStatuses() {
      const now = clock.now();
      const memo = statusMemo;
      return memo && memo.position === position && now >= memo.at && now - memo.at < STATUS_REUSE_MS ? memo.gates : statusesAt(now);
    },
    read: (query) => query(state),
    catchUp,
    async eventsOf(declarationId) {
      return (await store.eventsOf(declarationId)).flatMap((body) => {
        const decoded = decodeStored(body);
        return 'event' in decoded ? [decoded.event] : [];
      });
    },

    ingest: (keyGateId, items) =>
      new Promise<BatchResult>((resolve, reject) => {
        pendingIngests.push({ keyGateId, items, resolve, reject });
        if (!ingestTurnQueued) queueIngestTurn();
      }),

    async recordCheck(by, declarationId, check) {
      const outcome = await writeTurn((): { records?: CommittableEvent[]; result: CheckDecided } => {
        const may = checkProblem(state, by, declarationId, check.force);
        if (!may.ok) return { result: { ok: false, error: may.reason, message: may.message } };
        const turn = procedureProblem(state, may.declaration, check.force, clock.now());
        if (turn) return { result: { ok: false, error: turn.reason, message: turn.message } };
        // A check is a `checked` event through the same path as gate events.
        const event: CheckedEvent = {
          eventId: `chk-${randomUUID()}`,
          type: 'checked',
          declarationId,
          gateId: may.declaration.declared.gateId,
          occurredAt: isoNow(),
          force: check.force,
          result: check.result,
          ...(check.note ? { note: check.note } : {}),
        };
        const { result, accepted } = decideBatch(state, event.gateId, [{ ok: true, value: event }]);
        const rejected = result.rejected[0];
        if (rejected) return { result: { ok: false, error: 'conflict', message: rejected.message } };
        return { records: accepted, result: { ok: true, eventId: event.eventId } };
      });
      if (!outcome.ok) return outcome;
      const view = declarationView(state, declarationId, await this.eventsOf(declarationId), clock.now());
      if (!view) return { ok: false, error: 'not_found', message: `no declaration ${declarationId}` };
      return { ok: true, view, eventId: outcome.eventId };
    },

    importCustoms: (by, parsed, opts) =>
      writeTurn((): { records?: CommittableEvent[]; result: CustomsImportReport } => {
        const now = clock.now();
        const decided = parsed.rows.map((row) => matchCustomsRow(state, row, by.gateId, now));
        // The matched rows, gate by gate, through the ingest's decisions (a row matched twice in one file is a duplicate).
        const records: CommittableEvent[] = [];
        const byGate = new Map<string, typeof decided>();
        for (const d of decided) if (d.event) byGate.set(d.event.gateId, [...(byGate.get(d.event.gateId) ?? []), d]);
        for (const [gateId, list] of byGate) {
          const { result, accepted } = decideBatch(state, gateId, list.map((d) => ({ ok: true, value: d.event })));
          const acceptedIds = new Set(accepted.map((a) => a.event.eventId));
          for (const r of result.rejected) {
            const d = list[r.index];
            if (d) Object.assign(d.report, { outcome: 'would_conflict', message: r.message });
          }
          for (const d of list) {
            if (d.report.outcome === 'matched' && d.event && !acceptedIds.has(d.event.eventId)) Object.assign(d.report, { outcome: 'duplicate', message: 'the same row twice in this file' });
          }
          records.push(...accepted);
        }
        const rows = [...parsed.invalid, ...decided.map((d) => d.report)].sort((a, b) => a.line - b.line);
        const counts = { matched: 0, unmatched: 0, ambiguous: 0, would_conflict: 0, duplicate: 0, invalid: 0 };
        for (const r of rows) counts[r.outcome] += 1;
        const report: CustomsImportReport = { dryRun: opts.dryRun, fileSha256: opts.fileSha256, ...(opts.fileName ? { fileName: opts.fileName } : {}), counts, applied: opts.dryRun ? 0 : records.length, rows };
        return opts.dryRun ? { result: report } : { records, result: report };
      }),

    async amendDeclaration(by, declarationId, changes) {
      type Decided = { ok: true; eventId: string } | Extract<AmendOutcome, { ok: false }>;
      const outcome = await writeTurn((): { records?: CommittableEvent[]; result: Decided } => {
        const decl = state.declarations.get(declarationId);
        if (!decl || by.taxCode === undefined || decl.declared.enterprise.taxCode !== by.taxCode) {
          return { result: { ok: false, error: 'not_found', message: `no declaration ${declarationId} of yours` } };
        }
        const event: TruckEvent = {
          eventId: `amd-${randomUUID()}`,
          type: 'amended',
          declarationId,
          gateId: decl.declared.gateId,
          occurredAt: isoNow(),
          changes,
          by: by.username,
        };
        const { result, accepted } = decideBatch(state, event.gateId, [{ ok: true, value: event }], JournalEvent);
        const rejected = result.rejected[0];
        if (rejected) {
          const error = rejected.code === 'not_receiving' ? 'not_receiving' : 'conflict';
          return { result: { ok: false, error, message: rejected.message, ...(rejected.noticeId === undefined ? {} : { noticeId: rejected.noticeId }) } };
        }
        return { records: accepted, result: { ok: true, eventId: event.eventId } };
      });
      if (!outcome.ok) return outcome;
      const view = declarationView(state, declarationId, await this.eventsOf(declarationId), clock.now());
      if (!view) return { ok: false, error: 'not_found', message: `no declaration ${declarationId}` };
      return { ok: true, view, eventId: outcome.eventId };
    },

    async recordStep(by, declarationId, step) {
      const outcome = await writeTurn((): { records?: CommittableEvent[]; result: CheckDecided } => {
        const may = stepProblem(state, by, declarationId, clock.now());
        if (!may.ok) return { result: { ok: false, error: may.reason, message: may.message } };
        const event: StepEvent = {
          eventId: `stp-${randomUUID()}`,
          type: 'step',
          step: step.step,
          declarationId,
          gateId: may.declaration.declared.gateId,
          occurredAt: isoNow(),
          by: by.actor ?? 'yard_operator',
          result: step.result,
          ...(step.note ? { note: step.note } : {}),
        };
        const { result, accepted } = decideBatch(state, event.gateId, [{ ok: true, value: event }], JournalEvent);
        const rejected = result.rejected[0];
        if (rejected) return { result: { ok: false, error: 'conflict', message: rejected.message } };
        return { records: accepted, result: { ok: true, eventId: event.eventId } };
      });
      if (!outcome.ok) return outcome;
      const view = declarationView(state, declarationId, await this.eventsOf(declarationId), clock.now());
      if (!view) return { ok: false, error: 'not_found', message: `no declaration ${declarationId}` };
      return { ok: true, view, eventId: outcome.eventId };
    },

    previewProcedure(request) {
      const problem = ruleProblem(state, request.gateIds, request.effectiveFrom, clock.now());
      if (problem) return { ok: false, error: 'bad_request', message: problem };
      return { ok: true, value: procedurePreview(state, request) };
    },

    changeProcedure: (by, request) =>
      writeTurn((): { rule?: RuleChange; result: RuleOutcome<{ change: ProcedureChange; preview: ProcedurePreview }> } => {
        const problem = ruleProblem(state, request.gateIds, request.effectiveFrom, clock.now());
        if (problem) return { result: { ok: false, error: 'bad_request', message: problem } };
        const preview = procedurePreview(state, request);
        const change: ProcedureChange = {
          kind: 'procedure',
          id: nextRuleId(state),
          gateIds: request.gateIds,
          direction: request.direction,
          ...(request.categories ? { categories: request.categories } : {}),
          // Normalised to the deployment's zone, so every reading of it shows local time.
          effectiveFrom: state.localTime.formatIso(Date.parse(request.effectiveFrom)),
          procedure: request.procedure,
          ...(request.note ? { note: request.note } : {}),
          issuedAt: isoNow(),
          issuedBy: by,
        };
        return { rule: change, result: { ok: true, value: { change, preview } } };
      }),

    setServicePattern: (by, request) =>
      writeTurn((): { rule?: RuleChange; result: RuleOutcome<RuleChange> } => {
        const problem = ruleProblem(state, request.gateIds, undefined, clock.now());
        if (problem) return { result: { ok: false, error: 'bad_request', message: problem } };
        const change: RuleChange = {
          kind: 'service_pattern',
          id: nextRuleId(state),
          gateIds: request.gateIds,
          pattern: request.pattern,
          effectiveFrom: isoNow(),
          ...(request.note ? { note: request.note } : {}),
          issuedAt: isoNow(),
          issuedBy: by,
        };
        return { rule: change, result: { ok: true, value: change } };
      }),

    issueNotice: (by, draft) =>
      writeTurn((): { notice?: StoredNotice; result: NoticeOutcome } => {
        const problem = draftProblem(state, draft);
        if (problem) return { result: { ok: false, error: 'bad_request', message: `${problem.field}: ${problem.message}` } };
        const issuedAt = isoNow();
        // Caught up with every node inside the serialised turn: the next number is the deployment's next.
        const notice: StoredNotice = { ...draft, id: nextNoticeId(state, issuedAt.slice(0, 4)), issuedAt, issuedBy: by };
        return { notice, result: { ok: true, notice: noticeView(noticeRecord(notice), clock.now()) } };
      }),

    liftNotice: (by, id) =>
      writeTurn((): { notice?: StoredNotice; result: NoticeOutcome } => {
        const check = liftCheck(state, id, clock.now());
        if (!check.ok) return { result: { ok: false, error: check.reason, message: check.message } };
        const notice: StoredNotice = { ...check.record.notice, liftedAt: isoNow(), liftedBy: by };
        return { notice, result: { ok: true, notice: noticeView(noticeRecord(notice), clock.now()) } };
      }),

    setClock(control) {
      const simulated = deps.simulatedClock;
      if (!simulated) return { ok: false, error: 'conflict', message: 'the server clock is wall time here; only a replay clock can change speed' };
      if (control.speed !== undefined) simulated.setSpeed(control.speed);
      if (control.paused !== undefined) simulated.setPaused(control.paused);
      feed.publish(change(position, { clock: true }));
      return { ok: true, status: this.clockStatus() };
    },
    clockStatus: () =>
      deps.simulatedClock?.status((ms) => state.localTime.formatIso(ms)) ?? { now: isoNow(), simulated: false, speed: 1, paused: false },

    alerts: () => [...alertsList(state, alertThreshold), ...board.alerts()],
    recommendation: (id) => board.get(id),
    dismissRecommendation(id) {
      const shown = board.dismiss(id);
      if (shown) feed.publish(change(position, { alertsChanged: true }));
      return shown;
    },

    tick() {
      const now = clock.now();
      if (Date.now() - dismissedReadAt >= 10_000) {
        dismissedReadAt = Date.now();
        void readDismissed()
          .then((changed) => changed && feed.publish(change(position, { alertsChanged: true })))
          .catch(() => undefined); // the database is away: the next read catches up
      }
      const recommendationsMoved = board.refresh(position, now);
      const moved = new Set<string>();
      for (const g of statusesAt(now)) {
        const text = JSON.stringify(g);
        if (lastStatus.get(g.id) !== text) moved.add(g.id);
        lastStatus.set(g.id, text);
      }
      const activity = new Map([...state.notices].map(([id, n]) => [id, isActiveAt(n, now)]));
      const flipped = new Set([...activity].filter(([id, active]) => noticeActive.get(id) !== active).map(([id]) => id));
      noticeActive = activity;
      if (moved.size === 0 && flipped.size === 0 && !recommendationsMoved) return;
      feed.publish(change(position, { gates: moved, notices: flipped, alertsChanged: recommendationsMoved }));
    },
    saveSnapshot: () => snapshots?.saveNow(),
    async close() {
      clearInterval(ticker);
      if (indexing) clearImmediate(indexing);
      await writer.idle();
      snapshots?.stop();
    },
  };
  return core;
}
