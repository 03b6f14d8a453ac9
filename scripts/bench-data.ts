// Benchmark data: the Q1 2022 scenario (server/sim/scenario, seeded) repeated year after year with
// shifted ids until there are a million events. Generating the quarter takes seconds, so the NDJSON
// lines are cached in the OS temp dir, keyed by a hash of the scenario's params and this file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TruckEvent } from '../shared/events.ts';
import { loadScenario, Q1_2022 } from '../server/sim/scenario/load.ts';

export const MILLION = 1_000_000;

/** Repeat `r` of an event: ids prefixed, the same local times `r` years later (Q1 has no 29 February). */
export function shifted(event: TruckEvent, r: number): TruckEvent {
  if (r === 0) return event;
  const year = Number(event.occurredAt.slice(0, 4)) + r;
  return {
    ...event,
    eventId: `R${r}-${event.eventId}`,
    declarationId: `R${r}-${event.declarationId}`,
    occurredAt: `${year}${event.occurredAt.slice(4)}`,
  };
}

function cacheFile(): string {
  const key = createHash('sha256')
    .update(readFileSync(Q1_2022))
    .update(readFileSync(new URL(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), 'cks-bench', `q1-2022-${key}.ndjson`);
}

/** The quarter's events as NDJSON lines (one JSON object each), from the cache when present. */
export function quarterLines(): string[] {
  const file = cacheFile();
  if (existsSync(file)) return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const lines = loadScenario().events.map((e) => JSON.stringify(e));
  mkdirSync(join(tmpdir(), 'cks-bench'), { recursive: true });
  writeFileSync(`${file}.tmp`, lines.join('\n') + '\n');
  renameSync(`${file}.tmp`, file);
  return lines;
}

/** `n` events: the quarter, then repeat 1, 2, … (each shifted a year), as parsed values. */
export function eventsUpTo(n: number, firstRepeat = 0): TruckEvent[] {
  const quarter = quarterLines().map((l) => JSON.parse(l) as TruckEvent);
  const out: TruckEvent[] = [];
  for (let r = firstRepeat; out.length < n; r++) {
    for (const e of quarter) {
      if (out.length >= n) break;
      out.push(shifted(e, r));
    }
  }
  return out;
}

/** Split into batches of `size` per gate (a gate key may send only its own gate), keeping log order within a gate. */
export function batchesByGate(events: readonly TruckEvent[], size: number): { gateId: string; events: TruckEvent[] }[] {
  const open = new Map<string, TruckEvent[]>();
  const out: { gateId: string; events: TruckEvent[] }[] = [];
  for (const e of events) {
    let batch = open.get(e.gateId);
    if (!batch) open.set(e.gateId, (batch = []));
    batch.push(e);
    if (batch.length === size) {
      out.push({ gateId: e.gateId, events: batch });
      open.delete(e.gateId);
    }
  }
  for (const [gateId, batch] of open) out.push({ gateId, events: batch });
  return out;
}
