import type { z } from 'zod';
import { TruckEvent } from '../../shared/events.ts';
import type { BatchResult, RejectedItem } from '../../shared/ingest.ts';
import type { CommitResult, CommittableEvent, LiveCore } from '../core.ts';
import { canonicalJson, contentHash, createBatchOverlay, decide, noticeCoveringIn, recordInOverlay } from '../domain/index.ts';
import type { RawItem } from './parse-batch.ts';

// One batch, item by item: validate (zod) → gate checks → domain decision; then one commit.
// Everything from the first decision to the commit is synchronous, so no other request can
// change the state in between and every decision still holds when the batch is applied.

export interface IngestOutcome {
  result: BatchResult;
  /** Gates whose figures changed (for the live stream). */
  changedGates: Set<string>;
  /** What the commit touched: declaration ids, whether operator alerts moved. */
  commit: CommitResult;
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

export function ingestBatch(core: LiveCore, keyGateId: string, items: readonly RawItem[]): IngestOutcome {
  const { state } = core;
  const overlay = createBatchOverlay();
  const noticeCovering = noticeCoveringIn(state);
  const accepted: CommittableEvent[] = [];
  const rejected: RejectedItem[] = [];
  let duplicates = 0;

  items.forEach((item, index) => {
    if (!item.ok) return void rejected.push({ index, code: 'invalid', message: item.message });
    const eventId = eventIdOf(item.value);
    const reject = (r: Omit<RejectedItem, 'index' | 'eventId'>): void =>
      void rejected.push(eventId === undefined ? { index, ...r } : { index, eventId, ...r });
    const parsed = TruckEvent.safeParse(item.value);
    if (!parsed.success) return reject({ code: 'invalid', message: describeIssues(parsed.error) });
    const event = parsed.data;
    if (!state.gates.has(event.gateId)) return reject({ code: 'unknown_gate', message: `gate ${event.gateId} is not configured` });
    if (event.gateId !== keyGateId) {
      return reject({ code: 'forbidden', message: `this API key sends events for gate ${keyGateId} only` });
    }
    const body = canonicalJson(event);
    const hash = contentHash(body);
    const decision = decide(state, overlay, event, hash, noticeCovering);
    if (decision.kind === 'duplicate') duplicates += 1;
    else if (decision.kind === 'reject') {
      const { code, message, noticeId } = decision;
      reject(noticeId === undefined ? { code, message } : { code, message, noticeId });
    } else {
      recordInOverlay(overlay, event, hash);
      accepted.push({ event, hash, body });
    }
  });

  const commit = core.commit(accepted);
  return {
    result: { accepted: accepted.length, duplicates, rejected },
    changedGates: new Set(accepted.map((a) => a.event.gateId)),
    commit,
  };
}
