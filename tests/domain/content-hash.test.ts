import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../server/domain/index.ts';
import { mulberry32 } from '../../server/sim/rng.ts';

// The canonical JSON written directly must be exactly JSON.stringify of the key-sorted copy (the
// form stored in the log before), and the hash a stable 53-bit integer that tells contents apart.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v: unknown = Reflect.get(value, key);
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
const reference = (v: unknown): string => JSON.stringify(sortKeys(v));

describe('canonical JSON and content hash', () => {
  it('equals JSON.stringify of the key-sorted copy', () => {
    const values: unknown[] = [
      { b: 1, a: [3, { z: null, y: 'x"\\\n\u2028 Lạng Sơn 🍉' }], c: undefined, d: { f: false, e: -0.5e-7 } },
      [undefined, 1, 'a', [], {}],
      { eventId: 'e1', type: 'declared', vehicle: { plate: '12C-123.45', trailerPlate: undefined, country: 'VN' } },
      'text',
      42,
      null,
      true,
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
    const rnd = mulberry32(11);
    const random = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return r < 0.1 ? Math.floor(rnd() * 1e6) / 7 : r < 0.2 ? String.fromCharCode(...Array.from({ length: 6 }, () => Math.floor(rnd() * 0x3000))) : r < 0.25 ? null : rnd() < 0.5;
      if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => random(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [`k${Math.floor(rnd() * 20)}`, rnd() < 0.1 ? undefined : random(depth + 1)]));
    };
    for (let i = 0; i < 2_000; i++) {
      const v = random(0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('hashes to a stable non-negative safe integer that differs when the content does', () => {
    const a = canonicalJson({ eventId: 'e1', valueUsd: 1000 });
    const b = canonicalJson({ eventId: 'e1', valueUsd: 1001 });
    expect(contentHash(a)).toBe(contentHash(canonicalJson({ valueUsd: 1000, eventId: 'e1' })));
    expect(contentHash(a)).not.toBe(contentHash(b));
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = contentHash(`{"eventId":"e${i}"}`);
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
      seen.add(h);
    }
    expect(seen.size).toBe(100_000);
  });
});
