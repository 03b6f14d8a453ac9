import fc from 'fast-check';
import type { RejectCode } from '../../shared/errors.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { declared, lifecycle } from './truck-events.ts';

// Malformed and misdirected truck events for the fuzz test, each with the code the server must give
// it (CONTRACT §1). Items are raw NDJSON lines (Buffers, so a line can carry bytes that are not UTF-8).

export interface FuzzItem {
  line: Buffer;
  /** undefined = a valid neighbour that must be accepted. */
  code: RejectCode | undefined;
  /** Only JSON-array safe items (no broken JSON, no bad bytes) may go into a JSON body. */
  jsonSafe: boolean;
}

const T0 = Date.parse('2022-01-12T08:00:00+07:00');
const REQUIRED = [
  'eventId', 'type', 'declarationId', 'gateId', 'occurredAt', 'direction', 'vehicle', 'vehicle.plate', 'vehicle.country',
  'enterprise', 'enterprise.taxCode', 'enterprise.name', 'cargo', 'cargo.description', 'cargo.category', 'cargo.weightKg',
  'cargo.valueUsd', 'cargo.localGoods',
] as const;
const STRINGS = ['eventId', 'declarationId', 'gateId', 'occurredAt', 'vehicle.plate', 'enterprise.taxCode', 'enterprise.name', 'cargo.description'] as const;
const TOO_LONG: Record<string, number> = { eventId: 128, declarationId: 64, 'enterprise.name': 200, 'cargo.description': 500, 'vehicle.plate': 20 };

type Json = Record<string, unknown>;
const text = (s: string): FuzzItem['line'] => Buffer.from(s, 'utf8');
const item = (value: unknown, code: RejectCode | undefined): FuzzItem => ({ line: text(JSON.stringify(value)), code, jsonSafe: true });
const rawItem = (json: string, code: RejectCode): FuzzItem => ({ line: text(json), code, jsonSafe: true });

function base(id: string): Json {
  return JSON.parse(JSON.stringify(declared(id, T0, { gateId: 'huu-nghi' }))) as Json;
}

function setPath(obj: Json, path: string, value: unknown, remove = false): Json {
  const keys = path.split('.');
  let at: Json = obj;
  for (const k of keys.slice(0, -1)) at = at[k] as Json;
  const last = keys[keys.length - 1] ?? '';
  if (remove) delete at[last];
  else at[last] = value;
  return obj;
}

const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
);

export function malformedItem(n: number): fc.Arbitrary<FuzzItem> {
  const id = `fz-${n}`;
  return fc.oneof(
    // a required field missing
    fc.constantFrom(...REQUIRED).map((path) => item(setPath(base(id), path, undefined, true), 'invalid')),
    // a field of the wrong type (numbers where strings go, strings where numbers go, …)
    fc.tuple(fc.constantFrom(...STRINGS, 'cargo.weightKg', 'cargo.valueUsd', 'cargo.localGoods', 'vehicle', 'cargo'), wrongType).map(([path, v]) => {
      const numeric = path === 'cargo.weightKg' || path === 'cargo.valueUsd';
      const wrong = numeric || (path === 'cargo.localGoods' && typeof v === 'boolean') ? String(v) : v;
      return item(setPath(base(id), path, wrong), 'invalid');
    }),
    // strings past their limit (up to 50 kB more)
    fc.tuple(fc.constantFrom(...Object.keys(TOO_LONG)), fc.integer({ min: 1, max: 50_000 })).map(([path, extra]) =>
      item(setPath(base(id), path, 'x'.repeat((TOO_LONG[path] ?? 0) + extra)), 'invalid'),
    ),
    // numbers out of range, or too big for a double (1e999 parses as Infinity)
    fc.tuple(fc.constantFrom('cargo.weightKg', 'cargo.valueUsd'), fc.constantFrom('-1', '1e999', '-1e999', '1e300', '0', '-0.5'))
      .filter(([path, v]) => !(path === 'cargo.valueUsd' && v === '0'))
      .map(([path, v]) => rawItem(JSON.stringify(setPath(base(id), path, '__N__')).replace('"__N__"', v), 'invalid')),
    // deep nesting where an object is expected
    fc.tuple(fc.constantFrom('cargo', 'vehicle', 'enterprise'), fc.integer({ min: 100, max: 5_000 }), fc.boolean()).map(([path, depth, arrays]) => {
      const nested = arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      return rawItem(JSON.stringify(setPath(base(id), path, '__D__')).replace('"__D__"', nested), 'invalid');
    }),
    // __proto__ / constructor keys carrying the fields instead of the object itself
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => {
      const event = base(id);
      const { eventId, cargo, ...rest } = event;
      return rawItem(`{"${key}":${JSON.stringify({ eventId, cargo, polluted: true })},${JSON.stringify(rest).slice(1)}`, 'invalid');
    }),
    // not an event at all
    fc.constantFrom('null', '42', '"declared"', 'true', '[]', '{}', '[{"eventId":"x"}]').map((json) => rawItem(json, 'invalid')),
    // wrong discriminator, dates without offset or impossible
    fc.constantFrom<[string, unknown]>(
      ['type', 'exploded'], ['type', 'DECLARED'], ['occurredAt', '2022-01-12T08:00:00'], ['occurredAt', '2022-13-45T08:00:00+07:00'],
      ['occurredAt', 'yesterday'], ['direction', 'sideways'], ['cargo.category', 'weapons'], ['vehicle.country', 'US'],
      ['enterprise.taxCode', '123'], ['cargo.hsCode', '12ab'], ['gateId', 'Huu Nghi!'], ['eventId', ''],
    ).map(([path, v]) => item(setPath(base(id), path, v), 'invalid')),
    // lines that are not JSON, or not UTF-8
    fc.constantFrom('{"eventId": "x",', 'not json', '{"a":1}}', '\u0000\u0001', "{'single':'quotes'}").map((s): FuzzItem => ({ line: text(s), code: 'invalid', jsonSafe: false })),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes): FuzzItem => ({
      line: Buffer.concat([text(`{"eventId":"${id}","name":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(bytes.filter((b) => b !== 0x0a)), text('"}')]),
      code: 'invalid',
      jsonSafe: false,
    })),
    // well-formed but not allowed
    fc.constant(item(setPath(base(id), 'gateId', 'lao-cai'), 'unknown_gate')),
    fc.constant(item(setPath(base(id), 'gateId', 'tan-thanh'), 'forbidden')),
    fc.constant(item(lifecycle('arrived', `ghost-${n}`, T0, 'huu-nghi'), 'unknown_declaration')),
  );
}

/** A valid neighbour: a new declaration at Hữu Nghị. */
export function validItem(id: string, minute: number): FuzzItem & { event: TruckEvent } {
  const event = declared(id, T0 + minute * 60_000, { gateId: 'huu-nghi', direction: 'import' });
  return { ...item(event, undefined), event };
}
