// The idempotency key is the eventId; its content is compared through a hash of a canonical
// JSON form (keys sorted, undefined dropped), so key order or spacing in a resend never matters.

/**
 * `JSON.stringify` of the value with every object's keys sorted and undefined members dropped —
 * written directly, without first copying the value into sorted objects (one string per event on
 * the ingest path, no intermediate objects). Strings, numbers and booleans go through JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) as string;
}

function canonical(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonical(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v: unknown = Reflect.get(value, key);
    if (v === undefined) continue;
    const text = canonical(v);
    if (text === undefined) continue; // functions, symbols: dropped, as JSON.stringify does
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * A 53-bit hash of the canonical JSON, as a number (cyrb53: two 32-bit multiply–xor lanes over the
 * UTF-16 code units) — no crypto call, no buffer, a heap number per event instead of a string. It is
 * only ever compared with the hash stored under the SAME eventId, to tell a duplicate from a conflict;
 * an accidental collision (a resend with other content passing for a duplicate) has chance ≈ 2⁻⁵³.
 */
export type ContentHash = number;

export function contentHash(canonicalText: string): ContentHash {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < canonicalText.length; i++) {
    const c = canonicalText.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
