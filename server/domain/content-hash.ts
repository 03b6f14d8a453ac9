import { hash } from 'node:crypto';

// The idempotency key is the eventId; its content is compared through a hash of a canonical
// JSON form (keys sorted, undefined dropped), so key order or spacing in a resend never matters.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

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

/**
 * The first 48 bits of the SHA-256 of the canonical JSON, as a number: a million of them cost a
 * heap number each instead of a 43-character string. It is only ever compared with the hash stored
 * under the SAME eventId, so a resend with other content passes for a duplicate with chance 2⁻⁴⁸.
 */
export type ContentHash = number;

export const contentHash = (canonical: string): ContentHash => hash('sha256', canonical, 'buffer').readUIntBE(0, 6);
