import type { RejectCode } from '../../shared/errors.ts';
import type { TruckEvent } from '../../shared/events.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import type { ContentHash } from './content-hash.ts';
import type { LiveState } from './state.ts';
import type { DeclarationState } from './declaration.ts';
import { terminalAt } from './amendments.ts';

// The acceptance rules of CONTRACT §1 for one parsed event, against the state plus the events
// accepted earlier in the same batch (the overlay), so `declared` then `arrived` in one batch works.

export type Decision =
  | { kind: 'accept' }
  | { kind: 'duplicate' }
  | { kind: 'reject'; code: RejectCode; message: string; noticeId?: string };

/** Id of an active stop-receiving notice covering a declaration, if any. */
export type NoticeCovering = (gateId: string, direction: Direction, category: CargoCategory, atMs: number) => string | undefined;

interface OverlayDeclaration {
  gateId: string;
  direction: Direction;
  category: CargoCategory;
}

export interface BatchOverlay {
  hashes: Map<string, ContentHash>;
  declarations: Map<string, OverlayDeclaration>;
  /** `declarationId|type` of the one-per-declaration events already accepted in this batch. */
  singles: Set<string>;
  /** When each declaration ended (cleared or cancelled) by this batch's earlier items. */
  terminals: Map<string, number>;
}

export const createBatchOverlay = (): BatchOverlay => ({ hashes: new Map(), declarations: new Map(), singles: new Set(), terminals: new Map() });

export function recordInOverlay(overlay: BatchOverlay, event: TruckEvent, hash: ContentHash): void {
  overlay.hashes.set(event.eventId, hash);
  if (event.type === 'declared') overlay.declarations.set(event.declarationId, { gateId: event.gateId, direction: event.direction, category: event.cargo.category });
  else if (event.type !== 'checked' && event.type !== 'step' && event.type !== 'amended') overlay.singles.add(`${event.declarationId}|${event.type}`);
  if (event.type === 'cleared' || event.type === 'cancelled') {
    const at = Date.parse(event.occurredAt);
    overlay.terminals.set(event.declarationId, Math.min(at, overlay.terminals.get(event.declarationId) ?? Infinity));
  }
}

const reject = (code: RejectCode, message: string, noticeId?: string): Decision =>
  noticeId === undefined ? { kind: 'reject', code, message } : { kind: 'reject', code, message, noticeId };

export function decide(
  state: LiveState,
  overlay: BatchOverlay,
  event: TruckEvent,
  hash: ContentHash,
  noticeCovering: NoticeCovering,
): Decision {
  const knownHash = state.eventHashes.get(event.eventId) ?? overlay.hashes.get(event.eventId);
  if (knownHash !== undefined) {
    return knownHash === hash
      ? { kind: 'duplicate' }
      : reject('conflict', `eventId ${event.eventId} was already received with different content`);
  }
  const stored = state.declarations.get(event.declarationId);
  const declaredGate = stored?.declared.gateId ?? overlay.declarations.get(event.declarationId)?.gateId;

  if (event.type === 'declared') {
    if (declaredGate !== undefined) return reject('conflict', `declaration ${event.declarationId} is already declared`);
    const noticeId = noticeCovering(event.gateId, event.direction, event.cargo.category, Date.parse(event.occurredAt));
    if (noticeId !== undefined) {
      return reject('not_receiving', `gate ${event.gateId} is not receiving ${event.direction} ${event.cargo.category} (notice ${noticeId})`, noticeId);
    }
    return { kind: 'accept' };
  }
  if (declaredGate === undefined) return reject('unknown_declaration', `declaration ${event.declarationId} has not been declared`);
  if (declaredGate !== event.gateId) {
    return reject('unknown_declaration', `declaration ${event.declarationId} belongs to gate ${declaredGate}, not ${event.gateId}`);
  }
  if (event.type === 'amended') return decideAmendment(stored, overlay, event, noticeCovering);
  if (event.type !== 'checked' && event.type !== 'step') {
    const already =
      (event.type === 'arrived' && stored?.arrivedAt !== undefined) ||
      (event.type === 'cleared' && stored?.clearedAt !== undefined) ||
      (event.type === 'cancelled' && stored?.cancelledAt !== undefined) ||
      overlay.singles.has(`${event.declarationId}|${event.type}`);
    if (already) return reject('conflict', `declaration ${event.declarationId} already has a ${event.type} event`);
  }
  return { kind: 'accept' };
}

/**
 * An amendment (CONTRACT §1): refused when dated at or after the declaration's end already known (state or
 * this batch); refused as `not_receiving` when it would bring a truck not yet arrived into a stop-receiving
 * notice in force at its time (a new category is the only way: gate and direction never change).
 */
function decideAmendment(stored: DeclarationState | undefined, overlay: BatchOverlay, event: Extract<TruckEvent, { type: 'amended' }>, noticeCovering: NoticeCovering): Decision {
  const at = Date.parse(event.occurredAt);
  const ended = Math.min(stored ? (terminalAt(stored) ?? Infinity) : Infinity, overlay.terminals.get(event.declarationId) ?? Infinity);
  if (at >= ended) return reject('conflict', `declaration ${event.declarationId} was cleared or cancelled before ${event.occurredAt}; it can no longer be amended`);
  const category = event.changes.cargo?.category;
  const arrived = stored?.arrivedAt !== undefined || overlay.singles.has(`${event.declarationId}|arrived`);
  const declared = stored?.declared ?? overlay.declarations.get(event.declarationId);
  if (category !== undefined && !arrived && declared) {
    const direction = 'direction' in declared ? declared.direction : undefined;
    const noticeId = direction && noticeCovering(event.gateId, direction, category, at);
    if (noticeId) return reject('not_receiving', `gate ${event.gateId} is not receiving ${direction} ${category} (notice ${noticeId}); the amendment would bring this truck under it`, noticeId);
  }
  return { kind: 'accept' };
}
