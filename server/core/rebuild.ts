import { StoredTruckEvent, type TruckEvent } from '../../shared/events.ts';
import { Notice } from '../../shared/notices.ts';
import { RuleChange } from '../../shared/procedures.ts';
import { applyEvent, applyRuleChange, contentHash, putNotice, restoreState, type LiveState, type StopNoticeRecord } from '../domain/index.ts';
import type { StoredRecord } from '../store/event-log.ts';
import type { StoredNotice } from '../store/side-tables.ts';
import type { SnapshotStore } from '../store/snapshot-file.ts';
import type { Store, StoredNoticeRow } from '../store/store.ts';

// Rebuilding the state at start: the latest good snapshot, if any, then the log after it (else the
// whole log), then the notices. Stored events are facts: they are decoded by shape and type
// (StoredTruckEvent), never judged again by today's input rules.

export interface RebuildInfo {
  /** Log seq the snapshot covered (0: full replay), and why a snapshot was not used. */
  fromSeq: number;
  snapshotRefused?: string;
  /** Records replayed from the log after the snapshot. */
  replayed: number;
  /** Notices read from the store. */
  notices: number;
  /** The journal position the state stands at. */
  position: number;
  /** The last event in the state (its eventId unknown when that row could not be decoded). */
  lastEvent: { seq: number; eventId: string | undefined };
}

/** Rows listed in detail; beyond this only counted (a broken log must not flood memory or /healthz). */
const UNDECODABLE_LISTED = 20;

/** Decode one stored body by shape and type (never by today's input rules), or say why it cannot be. */
export function decodeStored(body: string): { event: TruckEvent } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = StoredTruckEvent.safeParse(value);
  if (parsed.success) return { event: parsed.data };
  const issue = parsed.error.issues[0];
  return { reason: issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'not an event' };
}

/** Apply one stored event to the state, or count it as undecodable; the event when it applied. */
export function applyStored(state: LiveState, record: StoredRecord): TruckEvent | undefined {
  const decoded = decodeStored(record.body);
  if ('reason' in decoded) {
    // One unreadable row must not keep the whole service from starting: it is left out and reported
    // (log, /metrics, /healthz, an operator alert) — never silently, never by judging facts anew.
    const { undecodable } = state;
    undecodable.count += 1;
    if (undecodable.rows.length < UNDECODABLE_LISTED) undecodable.rows.push({ seq: record.seq, reason: decoded.reason });
    return undefined;
  }
  applyEvent(state, { event: decoded.event, hash: contentHash(record.body) });
  return decoded.event;
}

/** A row of the journal's documents, parsed (the store is external data): a notice or a rule change. */
export type StoredDocumentRow = { kind: 'notice'; notice: StoredNotice } | { kind: 'rule'; change: RuleChange };

export function parseStoredDocument(row: StoredNoticeRow): StoredDocumentRow {
  const body: unknown = JSON.parse(row.body);
  if (typeof body === 'object' && body !== null && 'kind' in body) {
    const rule = RuleChange.safeParse(body);
    if (!rule.success) throw new Error(`stored rule change does not parse: ${rule.error.message}`);
    return { kind: 'rule', change: rule.data };
  }
  const parsed = Notice.omit({ active: true }).safeParse(body);
  if (!parsed.success) throw new Error(`stored notice does not parse: ${parsed.error.message}`);
  return { kind: 'notice', notice: parsed.data };
}

/** What putting one document in the state touched. */
export type AppliedDocument =
  | { kind: 'notice'; notice: StoredNotice; record: StopNoticeRecord }
  | { kind: 'rule'; change: RuleChange; gates: Set<string>; declarations: Set<string> };

/** Put a stored document (notice or rule change) in the state. */
export function applyStoredDocument(state: LiveState, row: StoredNoticeRow): AppliedDocument {
  const doc = parseStoredDocument(row);
  if (doc.kind === 'notice') return { kind: 'notice', notice: doc.notice, record: putNotice(state, doc.notice) };
  return { kind: 'rule', change: doc.change, ...applyRuleChange(state, doc.change) };
}

/**
 * Rebuild up to the journal's position now. A snapshot is used only when it verifies (checksum, format,
 * gates and timezone) and its last event is the log's event at that seq.
 */
export async function rebuild(state: LiveState, store: Store, snapshots: SnapshotStore | undefined): Promise<RebuildInfo> {
  // Every position up to here is committed (store.ts: positions form a prefix); what comes later, the tail reads.
  const upTo = await store.position();
  let fromSeq = 0;
  let lastEvent: RebuildInfo['lastEvent'] = { seq: 0, eventId: undefined };
  let snapshotRefused: string | undefined;
  const documents = await store.notices();
  if (snapshots) {
    const loaded = snapshots.load();
    const rules = new Map(documents.flatMap((row) => {
      const doc = parseStoredDocument(row);
      return doc.kind === 'rule' ? [[doc.change.id, doc.change] as const] : [];
    }));
    const included = loaded.ok ? ((loaded.head as { rules?: unknown }).rules ?? []) : [];
    const missing = Array.isArray(included) ? included.find((id) => typeof id !== 'string' || !rules.has(id)) : 'rules';
    if (!loaded.ok) snapshotRefused = loaded.reason;
    else if (loaded.meta.seq > upTo || (await store.eventIdAt(loaded.meta.seq)) !== loaded.meta.eventId) {
      snapshotRefused = `log has no event ${loaded.meta.eventId} at seq ${loaded.meta.seq}`;
    } else if (missing !== undefined) {
      snapshotRefused = `the journal has no rule change ${String(missing)}`;
    } else {
      // The image's counters were computed under these rule changes: they go in first (no truck to recompute yet).
      for (const id of included as string[]) {
        const change = rules.get(id);
        if (change) applyRuleChange(state, change);
      }
      const restored = restoreState(state, loaded.head, loaded.texts);
      if (restored.ok) {
        fromSeq = loaded.meta.seq;
        lastEvent = { seq: loaded.meta.seq, eventId: loaded.meta.eventId };
      } else snapshotRefused = restored.reason;
    }
  }
  let replayed = 0;
  for await (const page of store.replay(fromSeq, upTo)) {
    for (const record of page) {
      replayed += 1;
      lastEvent = { seq: record.seq, eventId: applyStored(state, record)?.eventId };
    }
  }
  // Notices, and the rule changes not in the image (each recomputes the queued trucks it touches).
  for (const row of documents) applyStoredDocument(state, row);
  const info: RebuildInfo = { fromSeq, replayed, notices: documents.length, position: upTo, lastEvent };
  if (snapshotRefused !== undefined) info.snapshotRefused = snapshotRefused;
  return info;
}
