// Ingest throughput: one 10,000-event NDJSON batch through real HTTP (SQLite, synchronous=FULL),
// and the in-process floor (parse + decide + apply on an in-memory log) for comparison.
// Prints figures only. Run: node --import tsx scripts/bench-ingest.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { Config } from '../shared/config.ts';
import type { TruckEvent } from '../shared/events.ts';
import { createLiveCore, systemClock } from '../server/core.ts';
import { ingestBatch } from '../server/http/ingest.ts';
import type { RawItem } from '../server/http/parse-batch.ts';
import { startServer } from '../server/start.ts';
import { createMemoryEventLog } from '../server/store/event-log.ts';
import { createMemoryNoticeStore } from '../server/store/side-tables.ts';

const config = Config.parse(JSON.parse(readFileSync('fixtures/demo-config.json', 'utf8')));
const key = z.object({ gateKeys: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8'))).gateKeys['huu-nghi'] ?? '';

const T0 = Date.parse('2022-01-10T00:00:00+07:00');
const iso = (ms: number): string => new Date(ms).toISOString();

/** 2,500 declarations × (declared, arrived, checked, cleared) = 10,000 events; deterministic. */
function batch(prefix: string): TruckEvent[] {
  const events: TruckEvent[] = [];
  for (let i = 0; i < 2_500; i++) {
    const id = `${prefix}-${i}`;
    const t = T0 + i * 60_000;
    const base = { declarationId: id, gateId: 'huu-nghi' };
    events.push({
      ...base, eventId: `${id}-d`, type: 'declared', occurredAt: iso(t), direction: i % 2 ? 'export' : 'import',
      vehicle: { plate: `12C-${100 + (i % 900)}.${i % 100}`, country: 'VN' },
      enterprise: { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' },
      cargo: { description: 'thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 10_000 + i, localGoods: i % 7 === 0 },
    });
    events.push({ ...base, eventId: `${id}-a`, type: 'arrived', occurredAt: iso(t + 3_600_000) });
    events.push({ ...base, eventId: `${id}-c`, type: 'checked', occurredAt: iso(t + 4_000_000), force: 'customs', result: 'confirmed' });
    events.push({ ...base, eventId: `${id}-x`, type: 'cleared', occurredAt: iso(t + 7_200_000) });
  }
  return events;
}

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} events/s (${ms.toFixed(0)} ms)`;

// Real HTTP + SQLite.
const dataDir = mkdtempSync(join(tmpdir(), 'cks-bench-'));
const server = await startServer({ config, dataDir, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), ingestPerMinute: false });
try {
  for (const round of [1, 2]) {
    const events = batch(`http${round}`);
    const body = events.map((e) => JSON.stringify(e)).join('\n');
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
      body,
    });
    const json: unknown = await res.json();
    const ms = performance.now() - t;
    const accepted = z.object({ accepted: z.number() }).safeParse(json);
    console.log(`HTTP NDJSON round ${round} (SQLite, ${(body.length / 1e6).toFixed(1)} MB): status ${res.status}, ${accepted.success ? accepted.data.accepted : '?'} accepted, ${rate(events.length, ms)}`);
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

// In-process floor: no HTTP, no disk.
// Round 1 includes JIT warm-up; round 2 is the steady state.
{
  const core = createLiveCore({ config, log: createMemoryEventLog(), notices: createMemoryNoticeStore(), clock: systemClock });
  for (const round of [1, 2]) {
    const items: RawItem[] = batch(`mem${round}`).map((e) => ({ ok: true, value: JSON.parse(JSON.stringify(e)) }));
    const t = performance.now();
    const { result } = ingestBatch(core, 'huu-nghi', items);
    console.log(`in-process round ${round} (memory log): ${result.accepted} accepted, ${rate(items.length, performance.now() - t)}`);
  }
}
