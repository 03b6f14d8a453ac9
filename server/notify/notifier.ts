import type { Logger } from 'pino';
import type { Config } from '../../shared/config.ts';
import { NotificationBody } from '../../shared/notifications.ts';
import type { AppCore } from '../core/app-core.ts';
import type { NotificationDraft, NotificationStore } from '../store/notification-tables.ts';
import { fedNotification, notificationsOf, worklistSizes, type FedNotification, type RuleContext } from './rules.ts';

// The notification edge: follows core.changes, runs the pure rules (rules.ts) on the state right after
// each change, and writes what they make to the store later, in batches — never on the ingest path: a
// write turn has long been answered when its notifications are stored, and a store failure here is logged
// and retried, never seen by a gate. Then every node pushes new rows (its own and other nodes') to its
// own sockets by polling the table in seq order, so a notification reaches its audience on every node once.

export interface Notifier {
  /** Feed a fact computed elsewhere (see feedNotification). */
  feed(input: FedNotification): void;
  /** Store what is pending now and push what is new (tests; shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface NotifierDeps {
  core: AppCore;
  store: NotificationStore;
  settings: Config['notifications'];
  logger: Logger;
  /** Send a new notification to its audience's live room on this node. */
  push(audience: string, notification: NotificationBody): void;
  /** Enterprises someone can hear (see RuleContext.hears); default: every one. */
  hears?: (taxCode: string) => boolean;
  /** Batches are written at most this often (ms). */
  batchMs?: number;
  /** How often new rows are looked for (other nodes' inserts). */
  pollMs?: number;
}

/** Ids this node has already sent to the store; a repeated fact (a cleared truck touched again) is not resent. */
const RECENT_IDS = 100_000;
/** What may wait for a store that is down before the oldest is dropped (logged). */
const MAX_PENDING = 200_000;
const BATCH = 2_000;

export async function createNotifier(deps: NotifierDeps): Promise<Notifier> {
  const { core, store, settings, logger } = deps;
  const batchMs = deps.batchMs ?? 200;
  const pollMs = deps.pollMs ?? 1_000;
  const pending = new Map<string, NotificationDraft>();
  const recent = new Set<string>();
  const worklistBefore = core.read(worklistSizes);
  let cursor = await store.top();
  let writeTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();
  let polling: Promise<void> = Promise.resolve();

  const context = (): RuleContext => ({
    state: core.read((s) => s),
    nowMs: core.clock.now(),
    iso: (ms) => core.localTime.formatIso(ms),
    settings,
    worklistBefore,
    ...(deps.hears ? { hears: deps.hears } : {}),
  });

  function enqueue(body: NotificationBody): void {
    if (recent.has(body.id) || pending.has(body.id)) return;
    // Webhook owners: an enterprise by its tax code, a gate system as `gate:<id>`.
    const owner = /^enterprise:(.+)$/.exec(body.audience)?.[1] ?? (body.audience.startsWith('gate:') ? body.audience : undefined);
    const draft: NotificationDraft = { id: body.id, audience: body.audience, kind: body.kind, atMs: Date.parse(body.createdAt), body: JSON.stringify(body) };
    if (owner !== undefined) {
      draft.webhookOwner = owner;
      draft.payload = JSON.stringify({ id: body.id, type: body.kind, occurredAt: body.createdAt, data: body.params });
    }
    pending.set(body.id, draft);
    if (pending.size > MAX_PENDING) {
      const oldest = pending.keys().next().value;
      if (oldest !== undefined) pending.delete(oldest);
      logger.warn({ dropped: oldest }, 'notifications: the store has been unavailable too long; dropped the oldest pending notification');
    }
    scheduleWrite(batchMs);
  }

  function scheduleWrite(delayMs: number): void {
    if (writeTimer || closed) return;
    writeTimer = setTimeout(() => {
      writeTimer = undefined;
      writing = writing.then(writeBatch);
    }, delayMs);
    writeTimer.unref();
  }

  async function writeBatch(): Promise<void> {
    const batch = [...pending.values()].slice(0, BATCH);
    if (batch.length === 0) return;
    try {
      await store.add(batch, Date.now());
      failures = 0;
      for (const d of batch) {
        pending.delete(d.id);
        recent.add(d.id);
      }
      // A Set iterates in insertion order: drop the oldest ids first.
      for (const id of recent) {
        if (recent.size <= RECENT_IDS) break;
        recent.delete(id);
      }
      void poll();
      if (pending.size > 0) scheduleWrite(0);
    } catch (e) {
      failures += 1;
      const retryMs = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
      logger.warn({ err: e, pending: pending.size, retryMs }, 'notifications not stored; retrying');
      scheduleWrite(retryMs);
    }
  }

  function poll(): Promise<void> {
    polling = polling.then(async () => {
      for (;;) {
        const rows = await store.since(cursor, 500);
        for (const row of rows) {
          cursor = Math.max(cursor, row.seq);
          const parsed = NotificationBody.safeParse(JSON.parse(row.body));
          if (parsed.success) deps.push(row.audience, parsed.data);
        }
        if (rows.length < 500) return;
      }
    }).catch((e: unknown) => logger.warn({ err: e }, 'notifications: could not read new ones to push'));
    return polling;
  }

  const unsubscribe = core.changes.subscribe((change) => {
    for (const body of notificationsOf(change, context())) enqueue(body);
  });
  const poller = setInterval(() => void poll(), pollMs);
  poller.unref();

  return {
    feed(input) {
      const body = fedNotification(input, context());
      if (body) enqueue(body);
    },
    async flush() {
      if (writeTimer) clearTimeout(writeTimer);
      writeTimer = undefined;
      writing = writing.then(writeBatch);
      await writing;
      await poll();
    },
    async close() {
      unsubscribe();
      clearInterval(poller);
      if (writeTimer) clearTimeout(writeTimer);
      writeTimer = undefined;
      closed = true;
      // One last attempt for what is pending; a store that is down loses it (logged): never block shutdown on it.
      if (pending.size > 0) await (writing = writing.then(writeBatch));
      await writing;
      await polling;
    },
  };
}

/**
 * Feed a fact computed outside the change feed (the queue forecast):
 *  - `{ kind: 'eta_moved', taxCode, params: { declarationId, plate, oldEta, newEta } }` — the owner hears of it
 *    when the estimated arrival moved by at least `notifications.etaMoveMinutes` (config; smaller moves are dropped);
 *  - `{ kind: 'recommended_notice', params: { gateIds, direction, categories?, effectiveFrom, effectiveUntil?, reason } }`
 *    — operators hear of a recommended stop-receiving notice.
 * Call it on every node that computes the fact (ids are made from the fact, so the deployment stores one);
 * it never throws for a store fault and never waits for the store. Bad params throw (a programming error).
 */
export function feedNotification(notifier: Notifier, input: FedNotification): void {
  notifier.feed(input);
}
