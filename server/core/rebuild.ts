import { StoredTruckEvent, type TruckEvent } from '../../shared/events.ts';
import { Notice } from '../../shared/notices.ts';
import { applyEvent, contentHash, putNotice, restoreState, type LiveState, type StopNoticeRecord } from '../domain/index.ts';
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

/** Parse a stored notice row (the store is external data) and put it in the state. */
export function applyStoredNotice(state: LiveState, row: StoredNoticeRow): { notice: StoredNotice; record: StopNoticeRecord } {
  const parsed = Notice.omit({ active: true }).safeParse(JSON.parse(row.body));
  if (!parsed.success) throw new Error(`stored notice does not parse: ${parsed.error.message}`);
  return { notice: parsed.data, record: putNotice(state, parsed.data) };
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
  if (snapshots) {
    const loaded = snapshots.load();
    if (!loaded.ok) snapshotRefused = loaded.reason;
    else if (loaded.meta.seq > upTo || (await store.eventIdAt(loaded.meta.seq)) !== loaded.meta.eventId) {
      snapshotRefused = `log has no event ${loaded.meta.eventId} at seq ${loaded.meta.seq}`;
    } else {
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
  const stored = await store.notices();
  for (const row of stored) applyStoredNotice(state, row);
  const info: RebuildInfo = { fromSeq, replayed, notices: stored.length, position: upTo, lastEvent };
  if (snapshotRefused !== undefined) info.snapshotRefused = snapshotRefused;
  return info;
}
