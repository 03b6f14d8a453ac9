import { createHash } from 'node:crypto';

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

export const contentHash = (canonical: string): string => createHash('sha256').update(canonical).digest('base64url');
