import { createHmac, timingSafeEqual } from 'node:crypto';

// How a webhook delivery is signed: X-CKS-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">,
// with X-CKS-Timestamp the unix time in seconds. A receiver recomputes it with its secret and refuses a
// timestamp far from its clock (replays).

export const SIGNATURE_HEADERS = { id: 'x-cks-id', timestamp: 'x-cks-timestamp', signature: 'x-cks-signature' } as const;

export const signatureOf = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** What a receiver does (used by the tests and shown in the docs). */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
