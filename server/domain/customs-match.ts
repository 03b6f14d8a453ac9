import { createHash } from 'node:crypto';
import type { CustomsRow, CustomsRowReport } from '../../shared/customs.ts';
import type { CheckedEvent } from '../../shared/events.ts';
import { findByPlate, platesOf } from './amendments.ts';
import { canonicalJson, contentHash } from './content-hash.ts';
import { statusOf, type DeclarationState } from './declaration.ts';
import { plateSearchKey } from './plate-index.ts';
import type { LiveState } from './state.ts';

// Matching customs' rows to declarations (pure): by declaration number, else by plate and date (the trucks
// of that plate whose stay — declared to cleared or cancelled, or now — covers the date). One match is
// recorded as a `checked` event by customs with an eventId made of the row's content, so the same row again
// is a duplicate, never a second check; several are ambiguous and never applied.

export interface CustomsDecision {
  report: CustomsRowReport;
  event?: CheckedEvent;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The `checked` event a row is recorded as (deterministic: the same row, the same event). */
export function customsEvent(row: CustomsRow, decl: DeclarationState, declarationId: string): CheckedEvent {
  const note = [row.rowId ? `[HQ ${row.rowId}]` : '[HQ]', row.note].filter(Boolean).join(' ');
  return {
    eventId: `cus-${sha([declarationId, row.result, row.occurredAt, row.rowId ?? '', row.note ?? ''].join('|')).slice(0, 40)}`,
    type: 'checked',
    declarationId,
    gateId: decl.declared.gateId,
    occurredAt: row.occurredAt,
    force: 'customs',
    result: row.result,
    note,
  };
}

function stayCovers(state: Readonly<LiveState>, d: DeclarationState, date: string, nowMs: number): boolean {
  const lt = state.localTime;
  const day = lt.dayIndexOfDate(date);
  const from = lt.dayIndex(Date.parse(d.declared.occurredAt));
  const end = d.clearedAt ?? d.cancelledAt ?? nowMs;
  return from <= day && day <= lt.dayIndex(end);
}

/** Match one row. `gateId`: a customs officer's gate (only its trucks match); undefined for an operator. */
export function matchCustomsRow(state: Readonly<LiveState>, row: CustomsRow, gateId: string | undefined, nowMs: number): CustomsDecision {
  const base = { line: row.line, ...(row.rowId ? { rowId: row.rowId } : {}), ...(row.plate ? { plate: row.plate } : {}) };
  const mine = (d: DeclarationState | undefined): d is DeclarationState => d !== undefined && (gateId === undefined || d.declared.gateId === gateId);
  let id: string | undefined;
  if (row.declarationId !== undefined) {
    if (!mine(state.declarations.get(row.declarationId))) {
      return { report: { ...base, declarationId: row.declarationId, outcome: 'unmatched', message: `no declaration ${row.declarationId}${gateId ? ` at ${gateId}` : ''}` } };
    }
    id = row.declarationId;
  } else {
    const key = plateSearchKey(row.plate ?? '');
    const candidates = findByPlate(state, row.plate ?? '').filter((c) => {
      const d = state.declarations.get(c);
      return mine(d) && platesOf(d).some((p) => plateSearchKey(p) === key) && stayCovers(state, d, row.date, nowMs);
    });
    if (candidates.length === 0) return { report: { ...base, outcome: 'unmatched', message: `no truck with plate ${row.plate ?? ''} on ${row.date}` } };
    if (candidates.length > 1) {
      return { report: { ...base, outcome: 'ambiguous', message: `${candidates.length} declarations of plate ${row.plate ?? ''} on ${row.date}: give the declaration number`, candidates: candidates.sort() } };
    }
    id = candidates[0] as string;
  }
  const decl = state.declarations.get(id) as DeclarationState;
  const event = customsEvent(row, decl, id);
  const report = { ...base, declarationId: id, eventId: event.eventId };
  const known = state.eventHashes.get(event.eventId);
  if (known !== undefined) {
    return known === contentHash(canonicalJson(event))
      ? { report: { ...report, outcome: 'duplicate', message: 'imported before' } }
      : { report: { ...report, outcome: 'would_conflict', message: `event ${event.eventId} was recorded with other content` } };
  }
  const status = statusOf(decl);
  if (status === 'cleared' || status === 'cancelled') return { report: { ...report, outcome: 'would_conflict', message: `declaration ${id} is ${status}` } };
  const standing = decl.checks.customs;
  const at = Date.parse(row.occurredAt);
  if (standing && standing.at > at && standing.result !== row.result) {
    return { report: { ...report, outcome: 'would_conflict', message: `a later customs check (${standing.result}) already stands` } };
  }
  return { report: { ...report, outcome: 'matched' }, event };
}
