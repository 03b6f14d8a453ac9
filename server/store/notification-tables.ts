// The store's notification and webhook tables (parts of the port in store.ts). Notifications have ids
// made from what caused them, so any node may insert one and the deployment keeps exactly one; the
// webhook outbox is durable (survives restarts, shared by every node) and claimed with a lease.

/** A notification to insert if its id is new. */
export interface NotificationDraft {
  id: string;
  /** `operator`, `force:<gate>:<force>` or `enterprise:<taxCode>`. */
  audience: string;
  kind: string;
  /** Server clock of what caused it. */
  atMs: number;
  /** The NotificationBody JSON. */
  body: string;
  /** When set: one outbox row per webhook of this enterprise (tax code), carrying `payload`, if the notification is new. */
  webhookOwner?: string;
  /** The webhook JSON body `{id, type, occurredAt, data}`. */
  payload?: string;
}

export interface NotificationRow {
  seq: number;
  body: string;
  read: boolean;
}

export interface NotificationStore {
  /**
   * Insert the drafts whose id is not stored yet, and for each one inserted that names a webhook owner an
   * outbox row per webhook of that owner — one transaction. Returns the ids inserted. Shared stores make
   * seqs commit in seq order (PostgreSQL: under an advisory lock), so `since` never skips a row.
   */
  add(drafts: readonly NotificationDraft[], nowMs: number): Promise<string[]>;
  /** Newest first; `before` pages on (a seq). */
  list(audience: string, reader: string, opts: { limit: number; before?: number }): Promise<NotificationRow[]>;
  unread(audience: string, reader: string): Promise<number>;
  /** Mark these ids (of this audience) read for the reader. */
  markRead(audience: string, reader: string, ids: readonly string[]): Promise<void>;
  /** Mark everything of this audience read for the reader, up to now. */
  markAllRead(audience: string, reader: string): Promise<void>;
  /** Rows after `afterSeq`, in seq order (each node pushes new ones to its own sockets). */
  since(afterSeq: number, limit: number): Promise<{ seq: number; audience: string; body: string }[]>;
  /** The highest seq (0 when none). */
  top(): Promise<number>;
}

export interface WebhookRow {
  id: string;
  /** The enterprise's tax code. */
  owner: string;
  url: string;
  /** The signing secret, sealed (server/security/sealed-secrets.ts): never in clear at rest. */
  sealedSecret: string;
  createdAtMs: number;
}

export type DeliveryStateValue = 'pending' | 'delivered' | 'dead';

export interface DeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  state: DeliveryStateValue;
  attempts: number;
  createdAtMs: number;
  nextAtMs: number;
  deliveredAtMs?: number;
  lastStatus?: number;
  lastError?: string;
}

/** A due delivery, leased to this node until `leaseMs` after the claim. */
export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  url: string;
  sealedSecret: string;
  eventId: string;
  body: string;
  attempts: number;
}

/** How an attempt ended: delivered, to be retried at `nextAtMs`, or dead (no `nextAtMs`). */
export type Settlement =
  | { delivered: true; atMs: number; status: number }
  | { delivered: false; atMs: number; status?: number; error: string; nextAtMs?: number };

export interface WebhookStore {
  add(row: WebhookRow): Promise<void>;
  list(owner: string): Promise<WebhookRow[]>;
  get(id: string): Promise<WebhookRow | undefined>;
  /** Remove a webhook of this owner and its deliveries; false when it is not theirs or not there. */
  remove(owner: string, id: string): Promise<boolean>;
  /** A delivery outside notifications (a test ping). */
  enqueue(webhookId: string, delivery: { id: string; eventId: string; type: string; body: string }, nowMs: number): Promise<void>;
  /**
   * Lease up to `limit` due deliveries (pending, next attempt ≤ now, no live lease) for `leaseMs`. Two
   * nodes never hold the same delivery at once (PostgreSQL: FOR UPDATE SKIP LOCKED).
   */
  claim(nowMs: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  settle(id: string, outcome: Settlement): Promise<void>;
  /** The delivery log of one webhook, newest first. */
  deliveries(webhookId: string, limit: number): Promise<DeliveryRow[]>;
}

// Rows as both drivers return them (column names as in the migrations), read into the port's shapes.

export type Row = Record<string, unknown>;
export const rowsOf = (rows: unknown[]): Row[] => rows.filter((r): r is Row => r !== null && typeof r === 'object');
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v));
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const webhookRow = (r: Row): WebhookRow => ({
  id: str(r.id),
  owner: str(r.owner),
  url: str(r.url),
  sealedSecret: str(r.secret),
  createdAtMs: num(r.created_at_ms),
});

export function deliveryRow(r: Row): DeliveryRow {
  const state = r.state === 'delivered' || r.state === 'dead' ? r.state : 'pending';
  const row: DeliveryRow = {
    id: str(r.id),
    webhookId: str(r.webhook_id),
    eventId: str(r.event_id),
    type: str(r.type),
    state,
    attempts: num(r.attempts),
    createdAtMs: num(r.created_at_ms),
    nextAtMs: num(r.next_at_ms),
  };
  const deliveredAtMs = optNum(r.delivered_at_ms);
  const lastStatus = optNum(r.last_status);
  const lastError = optStr(r.last_error);
  if (deliveredAtMs !== undefined) row.deliveredAtMs = deliveredAtMs;
  if (lastStatus !== undefined) row.lastStatus = lastStatus;
  if (lastError !== undefined) row.lastError = lastError;
  return row;
}

export const claimedRow = (r: Row): ClaimedDelivery => ({
  id: str(r.id),
  webhookId: str(r.webhook_id),
  url: str(r.url),
  sealedSecret: str(r.secret),
  eventId: str(r.event_id),
  body: str(r.body),
  attempts: num(r.attempts),
});
