import { isUtf8 } from 'node:buffer';
import { MAX_EVENTS_PER_BATCH } from '../../../shared/ingest.ts';
import { parseBatch, type BatchFormat, type ParsedBatch, type RawItem } from './parse-batch.ts';

// Bodies must be UTF-8. Decoding bad bytes to U+FFFD would store mojibake as if it were a company's
// name, so: a JSON body that is not UTF-8 is a 400; in NDJSON only the lines with bad bytes are
// rejected (`invalid`) and their neighbours still count, like any other broken line.

export function parseBody(format: BatchFormat, raw: Buffer): ParsedBatch {
  if (isUtf8(raw)) return parseBatch(format, raw.toString('utf8'));
  if (format === 'json') return { ok: false, error: 'bad_request', message: 'body is not valid UTF-8' };
  const lines = splitLines(raw).filter((line) => !isUtf8(line) || line.toString('utf8').trim() !== '');
  if (lines.length > MAX_EVENTS_PER_BATCH) {
    return { ok: false, error: 'payload_too_large', message: `${lines.length} events in one request; at most ${MAX_EVENTS_PER_BATCH} are allowed` };
  }
  const items = lines.map((line, index): RawItem => {
    if (!isUtf8(line)) return { ok: false, message: `item ${index} is not valid UTF-8` };
    const parsed = parseBatch('ndjson', line.toString('utf8'));
    return parsed.ok && parsed.items[0] ? parsed.items[0] : { ok: false, message: `item ${index} is not valid JSON` };
  });
  if (items.every((i) => !i.ok)) return { ok: false, error: 'bad_request', message: 'body is not NDJSON: no line is valid UTF-8 JSON' };
  return { ok: true, items };
}

function splitLines(raw: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf(0x0a); i !== -1; i = raw.indexOf(0x0a, start)) {
    lines.push(raw.subarray(start, i > start && raw[i - 1] === 0x0d ? i - 1 : i));
    start = i + 1;
  }
  lines.push(raw.subarray(start));
  return lines;
}
