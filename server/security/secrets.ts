import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Secrets are stored hashed only. API keys are long random strings, so one SHA-256 suffices
// (and makes lookup O(1)); passwords are low-entropy, so they get a slow KDF (scrypt).

export const hashApiKey = (key: string): string => `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

export const newApiKey = (): string => `gk_${randomBytes(24).toString('base64url')}`;

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 };

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt:${SCRYPT.N}:${SCRYPT.r}:${SCRYPT.p}:${salt.toString('hex')}:${hash.toString('hex')}`;
}

const scryptAsync = (password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(password, salt, keyLen, options, (error, key) => (error ? reject(error) : resolve(key))));

/**
 * Off the event loop (libuv's thread pool): a sign-in costs ≈ 50 ms of CPU, which on the loop would
 * stall every ingest batch and live delta behind it.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltHex, hashHex] = stored.split(':');
  if (kind !== 'scrypt' || !n || !r || !p || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(password, Buffer.from(saltHex, 'hex'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r),
  });
  return timingSafeEqual(actual, expected);
}
