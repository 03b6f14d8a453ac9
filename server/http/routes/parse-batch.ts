import { MAX_EVENTS_PER_BATCH } from '../../../shared/ingest.ts';
import type { ErrorCode } from '../../../shared/errors.ts';

// Turn the raw body of POST /api/v1/events into items. A JSON array or NDJSON; in NDJSON a line
// that is not JSON is one rejected item, not a failed request, so the other lines still count.

import type { RawItem } from '../../core/decide-batch.ts';

export type { RawItem };

export type ParsedBatch = { ok: true; items: RawItem[] } | { ok: false; error: ErrorCode; message: string };

export type BatchFormat = 'json' | 'ndjson';

const tooMany = (n: number): ParsedBatch => ({
  ok: false,
  error: 'payload_too_large',
  message: `${n} events in one request; at most ${MAX_EVENTS_PER_BATCH} are allowed`,
});

export function parseBatch(format: BatchFormat, text: string): ParsedBatch {
  return format === 'json' ? parseJsonArray(text) : parseNdjson(text);
}

function parseJsonArray(text: string): ParsedBatch {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: 'bad_request', message: `body is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'bad_request', message: 'body must be a JSON array of events' };
  if (value.length > MAX_EVENTS_PER_BATCH) return tooMany(value.length);
  return { ok: true, items: value.map((v: unknown): RawItem => ({ ok: true, value: v })) };
}

function parseNdjson(text: string): ParsedBatch {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > MAX_EVENTS_PER_BATCH) return tooMany(lines.length);
  const items = lines.map((line, index): RawItem => {
    try {
      return { ok: true, value: JSON.parse(line) };
    } catch {
      return { ok: false, message: `item ${index} is not valid JSON` };
    }
  });
  if (items.length > 0 && items.every((i) => !i.ok)) {
    return { ok: false, error: 'bad_request', message: 'body is not NDJSON: no line is a JSON value' };
  }
  return { ok: true, items };
}
