import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Webhook signing secrets must be usable to sign (so they cannot be hashed like passwords) and are never
// at rest in clear (CONTRACT §6): sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
// session secret, which every node of a deployment shares (SESSION_SECRET). Rotating SESSION_SECRET
// makes existing webhook secrets unreadable: their deliveries fail as "secret unreadable" until the
// enterprise registers the webhook again.

const VERSION = 'v1';

export interface SecretSealer {
  seal(clear: string): string;
  /** The clear secret, or undefined when it was sealed under another key or is damaged. */
  open(sealed: string): string | undefined;
}

export function secretSealer(sessionSecret: string): SecretSealer {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'cks-webhook-secrets', 'aes-256-gcm', 32));
  return {
    seal(clear) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
