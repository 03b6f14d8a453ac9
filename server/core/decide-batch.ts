import type { z } from 'zod';
import { TruckEvent, type TruckEvent as JournalEventValue } from '../../shared/events.ts';
import type { BatchResult, RejectedItem } from '../../shared/ingest.ts';
import { canonicalJson, contentHash, createBatchOverlay, decide, noticeCoveringIn, recordInOverlay, type AcceptedEvent, type BatchOverlay, type LiveState } from '../domain/index.ts';

// One batch, item by item: validate (zod, input rules) → gate checks → domain decision against the
// state plus the batch's own earlier items. Runs inside the writer's turn, so nothing changes the state
// between these decisions and the commit of what they accepted.

/** An item of a request body: a JSON value, or a line that was not JSON (NDJSON). */
export type RawItem = { ok: true; value: unknown } | { ok: false; message: string };

/** An accepted event with its canonical JSON, ready to be stored. */
export interface CommittableEvent extends AcceptedEvent {
  body: string;
}

export interface DecidedBatch {
  result: BatchResult;
  accepted: CommittableEvent[];
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'event'}: ${issue.message}`)
    .join('; ');
}

const eventIdOf = (value: unknown): string | undefined => {
  if (value === null || typeof value !== 'object' || !('eventId' in value)) return undefined;
  return typeof value.eventId === 'string' ? value.eventId : undefined;
};

/** A rejected item: eventId when the item had one, noticeId when a notice was the cause. */
function rejection(index: number, eventId: string | undefined, code: RejectedItem['code'], message: string, noticeId?: string): RejectedItem {
  const r: RejectedItem = eventId === undefined ? { index, code, message } : { index, eventId, code, message };
  if (noticeId !== undefined) r.noticeId = noticeId;
  return r;
}

/**
 * `schema` is what the items may be: a gate's events (default), or — for what the core records itself, such
 * as a hand-over step — the journal's events.
 */
export function decideBatch(
  state: LiveState,
  keyGateId: string,
  items: readonly RawItem[],
  schema: z.ZodType<JournalEventValue> = TruckEvent,
  /** Shared by several requests committed together (group commit): each sees what the earlier ones accepted. */
  overlay: BatchOverlay = createBatchOverlay(),
): DecidedBatch {
  const noticeCovering = noticeCoveringIn(state);
  const accepted: CommittableEvent[] = [];
  const rejected: RejectedItem[] = [];
  let duplicates = 0;

  // A plain loop with no per-item closure: this runs once per event on the ingest path.
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === undefined) continue;
    if (!item.ok) {
      rejected.push({ index, code: 'invalid', message: item.message });
      continue;
    }
    const parsed = schema.safeParse(item.value);
    if (!parsed.success) {
      rejected.push(rejection(index, eventIdOf(item.value), 'invalid', describeIssues(parsed.error)));
      continue;
    }
    const event = parsed.data;
    if (!state.gates.has(event.gateId)) {
      rejected.push(rejection(index, event.eventId, 'unknown_gate', `gate ${event.gateId} is not configured`));
      continue;
    }
    if (event.gateId !== keyGateId) {
      rejected.push(rejection(index, event.eventId, 'forbidden', `this API key sends events for gate ${keyGateId} only`));
      continue;
    }
    // The canonical JSON is built once: hashed here, stored as the log row's body at commit.
    const body = canonicalJson(event);
    const hash = contentHash(body);
    const decision = decide(state, overlay, event, hash, noticeCovering);
    if (decision.kind === 'duplicate') duplicates += 1;
    else if (decision.kind === 'reject') {
      rejected.push(rejection(index, event.eventId, decision.code, decision.message, decision.noticeId));
    } else {
      recordInOverlay(overlay, event, hash);
      accepted.push({ event, hash, body });
    }
  }
  return { result: { accepted: accepted.length, duplicates, rejected }, accepted };
}
