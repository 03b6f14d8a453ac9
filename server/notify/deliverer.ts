import type { Logger } from 'pino';
import type { Config } from '../../shared/config.ts';
import type { SecretSealer } from '../security/sealed-secrets.ts';
import type { ClaimedDelivery, WebhookStore } from '../store/notification-tables.ts';
import { SIGNATURE_HEADERS, signatureOf } from './signature.ts';
import { urlProblem } from './url-policy.ts';

// Webhook deliveries from the store's durable outbox, at least once. Each node polls for due rows and
// leases them (so two nodes do not send the same one at once); each attempt is one POST with a time-out,
// at most `concurrency` in flight per node. A failure is retried with exponential backoff and jitter,
// capped, until `maxAttempts`, when the delivery is dead (the delivery log shows it). Nothing here runs on
// the ingest path: a slow or dead endpoint only holds this node's few delivery slots.

export type DeliverySettings = Config['notifications']['webhooks'];

export interface Deliverer {
  /** Look for due deliveries now (tests, and after a test ping). */
  kick(): void;
  close(): Promise<void>;
}

export interface DelivererDeps {
  store: WebhookStore;
  sealer: SecretSealer;
  settings: DeliverySettings;
  logger: Logger;
  /** Wall clock (deliveries are real-world calls, not replayed time). */
  now?: () => number;
  /** In [0, 1): the jitter (default Math.random). */
  random?: () => number;
}

/** Delay before attempt n + 1 after n failed ones: base · 2^(n−1), capped, times a jitter in [½, 1). */
export function backoffMs(failedAttempts: number, settings: Pick<DeliverySettings, 'retryBaseMs' | 'retryMaxMs'>, random: number): number {
  const exp = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exp * (0.5 + random / 2));
}

export function startDeliverer(deps: DelivererDeps): Deliverer {
  const { store, sealer, settings, logger } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  // Longer than one attempt can take, so a lease outlives its attempt; a node that dies mid-attempt
  // leaves the row to be taken again when the lease ends.
  const leaseMs = settings.timeoutMs * 2 + 5_000;
  const inFlight = new Set<Promise<void>>();
  let looking = false;
  let closed = false;
  // Shutdown cuts attempts in flight; they are not counted and are taken again when their lease ends.
  const closing = new AbortController();

  async function attempt(d: ClaimedDelivery): Promise<void> {
    const failed = (error: string, status?: number): Promise<void> => {
      const attempts = d.attempts + 1;
      const at = now();
      const retry = attempts < settings.maxAttempts;
      return store.settle(d.id, {
        delivered: false,
        atMs: at,
        error,
        ...(status === undefined ? {} : { status }),
        ...(retry ? { nextAtMs: at + backoffMs(attempts, settings, random()) } : {}),
      });
    };
    const secret = sealer.open(d.sealedSecret);
    if (secret === undefined) return failed('the signing secret cannot be read (SESSION_SECRET changed?); register the webhook again');
    const refused = await urlProblem(d.url, settings.allowPrivateAddresses);
    if (refused !== undefined) return failed(`URL refused: ${refused}`);
    const timestamp = String(Math.floor(now() / 1000));
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cua-khau-so-webhooks/1',
          [SIGNATURE_HEADERS.id]: d.eventId,
          [SIGNATURE_HEADERS.timestamp]: timestamp,
          [SIGNATURE_HEADERS.signature]: signatureOf(secret, timestamp, d.body),
        },
        body: d.body,
        // A redirect could point anywhere (SSRF): not followed, counted as a failure.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), closing.signal]),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return store.settle(d.id, { delivered: true, atMs: now(), status: res.status });
      return failed(`HTTP ${res.status}`, res.status);
    } catch (e) {
      if (closing.signal.aborted) return;
      const reason = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${settings.timeoutMs} ms` : describe(e);
      return failed(reason);
    }
  }

  async function look(): Promise<void> {
    if (looking || closed) return;
    looking = true;
    try {
      const room = settings.concurrency - inFlight.size;
      if (room <= 0) return;
      const due = await store.claim(now(), leaseMs, room);
      for (const d of due) {
        const run: Promise<void> = attempt(d)
          .catch((e: unknown) => logger.warn({ err: e, delivery: d.id }, 'webhook delivery not settled; it is retried when its lease ends'))
          .finally(() => {
            inFlight.delete(run);
            // A slot is free: the next due one need not wait for the poll.
            void look();
          });
        inFlight.add(run);
      }
    } catch (e) {
      logger.warn({ err: e }, 'webhook outbox not read; trying again');
    } finally {
      looking = false;
    }
  }

  const timer = setInterval(() => void look(), settings.pollMs);
  timer.unref();
  return {
    kick: () => void look(),
    async close() {
      closed = true;
      clearInterval(timer);
      closing.abort();
      await Promise.all([...inFlight]);
    },
  };
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause: unknown = e.cause;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ? `${e.message}: ${code}` : e.message;
}
