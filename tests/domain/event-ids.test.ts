import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventIdTable, type EventIdTableImage } from '../../server/domain/event-ids.ts';

// The flat eventId table must answer exactly as a Map would, for any ids (any Unicode, any length, ids
// that share prefixes or differ by one character), through growth, and after a snapshot's round trip.

const id = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.nat(5_000).map((n) => `evt-${n}`),
  fc.nat(5_000).map((n) => `Ứng-${n}-xe`),
);
const ids = fc.array(id, { maxLength: 3_000 });
const hash = fc.double({ noNaN: true });

function viaMap(entries: readonly [string, number][]): Map<string, number> {
  const map = new Map<string, number>();
  for (const [id, h] of entries) if (!map.has(id)) map.set(id, h); // a held id keeps its first hash
  return map;
}

function sameAs(table: EventIdTable, map: Map<string, number>, probes: readonly string[]): void {
  expect(table.size).toBe(map.size);
  expect([...table.entries()]).toEqual([...map.entries()]);
  for (const id of probes) {
    expect(table.has(id)).toBe(map.has(id));
    expect(table.get(id)).toBe(map.get(id));
  }
}

describe('the flat eventId table', () => {
  it('answers as a Map for any ids, before and after a snapshot round trip (v8 serialise, fromImage)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, hash), { maxLength: 3_000 }), ids, (entries, probes) => {
        const table = new EventIdTable();
        for (const [id, h] of entries) table.set(id, h);
        const map = viaMap(entries);
        const all = [...probes, ...entries.map(([id]) => id), ...entries.map(([id]) => `${id}x`)];
        sameAs(table, map, all);
        const back = EventIdTable.fromImage(deserialize(serialize(table.image())) as EventIdTableImage);
        expect(back).toBeDefined();
        if (!back) return;
        sameAs(back, map, all);
        // The restored table keeps growing as the original would.
        const more: [string, number][] = probes.map((id, i) => [`${id}#${i}`, i]);
        for (const [id, h] of more) {
          back.set(id, h);
          table.set(id, h);
        }
        const both = viaMap([...entries, ...more]);
        sameAs(back, both, all);
        expect(back.image()).toEqual(table.image());
      }),
      { numRuns: 60 },
    );
  });

  it('grows past a million entries and still finds each one', () => {
    const table = new EventIdTable();
    for (let i = 0; i < 1_100_000; i++) table.set(`R${i % 9}-Q1-huu-nghi-N${i}-arrived`, i);
    expect(table.size).toBe(1_100_000);
    for (let i = 0; i < 1_100_000; i += 997) expect(table.get(`R${i % 9}-Q1-huu-nghi-N${i}-arrived`)).toBe(i);
    expect(table.get('R0-Q1-huu-nghi-N1-arrived')).toBeUndefined();
  });

  it('refuses an image whose arrays do not fit together', () => {
    const table = new EventIdTable();
    table.set('a', 1);
    table.set('bb', 2);
    const img = table.image();
    expect(EventIdTable.fromImage(img)?.get('bb')).toBe(2);
    expect(EventIdTable.fromImage({ ...img, hashes: new Float64Array(3) })).toBeUndefined();
    expect(EventIdTable.fromImage({ ...img, bytes: img.bytes.slice(1) })).toBeUndefined();
    expect(EventIdTable.fromImage({ ...img, slots: new Int32Array(3) })).toBeUndefined();
    expect(EventIdTable.fromImage({ ...img, slots: new Int32Array(2) })).toBeUndefined(); // two entries need four slots
    expect(EventIdTable.fromImage({ ...img, ends: undefined })).toBeUndefined();
    const wrongEntry = img.slots.slice();
    wrongEntry[wrongEntry.indexOf(1)] = 3; // an entry that is not there
    expect(EventIdTable.fromImage({ ...img, slots: wrongEntry })).toBeUndefined();
  });
});
