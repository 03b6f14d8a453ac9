import type { Database } from 'better-sqlite3';
import { claimedRow, deliveryRow, num, rowsOf, str, webhookRow, type ClaimedDelivery, type NotificationStore, type WebhookStore } from './notification-tables.ts';

// The notification and webhook tables of the embedded store (one process owns the file: every statement
// is already serialised; INSERT OR IGNORE keeps one row per notification id).

/** What a reader has read: everything up to a mark, plus single rows after it. */
const UNREAD_WHERE = `n.audience = @audience
  AND n.seq > COALESCE((SELECT up_to_seq FROM notification_read_marks m WHERE m.reader = @reader AND m.audience = @audience), 0)
  AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.reader = @reader AND r.notification_seq = n.seq)`;

export function sqliteNotificationTables(db: Database): { notifications: NotificationStore; webhooks: WebhookStore } {
  const insertNotification = db.prepare('INSERT OR IGNORE INTO notifications (id, audience, kind, at_ms, body) VALUES (?, ?, ?, ?, ?)');
  const hooksOf = db.prepare('SELECT id FROM webhooks WHERE owner = ?').pluck();
  const insertDelivery = db.prepare(
    `INSERT OR IGNORE INTO webhook_outbox (id, webhook_id, event_id, type, body, created_at_ms, next_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const addAll = db.transaction((drafts: Parameters<NotificationStore['add']>[0], nowMs: number): string[] => {
    const inserted: string[] = [];
    for (const d of drafts) {
      if (insertNotification.run(d.id, d.audience, d.kind, d.atMs, d.body).changes === 0) continue;
      inserted.push(d.id);
      if (d.webhookOwner === undefined || d.payload === undefined) continue;
      for (const hook of hooksOf.all(d.webhookOwner)) insertDelivery.run(`${d.id}|${str(hook)}`, str(hook), d.id, d.kind, d.payload, nowMs, nowMs);
    }
    return inserted;
  });
  const list = db.prepare(
    `SELECT n.seq, n.body, CASE WHEN ${UNREAD_WHERE} THEN 0 ELSE 1 END AS read FROM notifications n
     WHERE n.audience = @audience AND (@before IS NULL OR n.seq < @before) ORDER BY n.seq DESC LIMIT @limit`,
  );
  const unread = db.prepare(`SELECT COUNT(*) FROM notifications n WHERE ${UNREAD_WHERE}`).pluck();
  const seqOf = db.prepare('SELECT seq FROM notifications WHERE id = ? AND audience = ?').pluck();
  const readOne = db.prepare('INSERT OR IGNORE INTO notification_reads (reader, notification_seq) VALUES (?, ?)');
  const markRead = db.transaction((audience: string, reader: string, ids: readonly string[]) => {
    for (const id of ids) {
      const seq: unknown = seqOf.get(id, audience);
      if (seq !== undefined) readOne.run(reader, seq);
    }
  });
  const topOf = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM notifications WHERE audience = ?').pluck();
  const setMark = db.prepare(
    `INSERT INTO notification_read_marks (reader, audience, up_to_seq) VALUES (?, ?, ?)
     ON CONFLICT (reader, audience) DO UPDATE SET up_to_seq = MAX(up_to_seq, excluded.up_to_seq)`,
  );
  const dropReads = db.prepare('DELETE FROM notification_reads WHERE reader = ? AND notification_seq <= ?');
  const markAll = db.transaction((audience: string, reader: string) => {
    const top = num(topOf.get(audience));
    setMark.run(reader, audience, top);
    dropReads.run(reader, top);
  });
  const since = db.prepare('SELECT seq, audience, body FROM notifications WHERE seq > ? ORDER BY seq LIMIT ?');
  const top = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM notifications').pluck();

  const addHook = db.prepare('INSERT INTO webhooks (id, owner, url, secret, created_at_ms) VALUES (?, ?, ?, ?, ?)');
  const listHooks = db.prepare('SELECT * FROM webhooks WHERE owner = ? ORDER BY created_at_ms, id');
  const getHook = db.prepare('SELECT * FROM webhooks WHERE id = ?');
  const removeHook = db.prepare('DELETE FROM webhooks WHERE owner = ? AND id = ?');
  const removeDeliveries = db.prepare('DELETE FROM webhook_outbox WHERE webhook_id = ?');
  const remove = db.transaction((owner: string, id: string): boolean => {
    if (removeHook.run(owner, id).changes === 0) return false;
    removeDeliveries.run(id);
    return true;
  });
  const due = db.prepare(
    `SELECT o.id, o.webhook_id, w.url, w.secret, o.event_id, o.body, o.attempts FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id
     WHERE o.state = 'pending' AND o.next_at_ms <= ? AND o.lease_until_ms <= ? ORDER BY o.next_at_ms LIMIT ?`,
  );
  const lease = db.prepare('UPDATE webhook_outbox SET lease_until_ms = ? WHERE id = ?');
  const claim = db.transaction((nowMs: number, leaseMs: number, limit: number): ClaimedDelivery[] => {
    const rows = rowsOf(due.all(nowMs, nowMs, limit));
    for (const r of rows) lease.run(nowMs + leaseMs, r.id);
    return rows.map(claimedRow);
  });
  const delivered = db.prepare(
    `UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at_ms = ?, last_status = ?, last_error = NULL, lease_until_ms = 0 WHERE id = ?`,
  );
  const failed = db.prepare(
    `UPDATE webhook_outbox SET state = ?, attempts = attempts + 1, next_at_ms = ?, last_status = ?, last_error = ?, lease_until_ms = 0 WHERE id = ?`,
  );
  const log = db.prepare('SELECT * FROM webhook_outbox WHERE webhook_id = ? ORDER BY created_at_ms DESC, id DESC LIMIT ?');

  return {
    notifications: {
      add: async (drafts, nowMs) => addAll(drafts, nowMs),
      list: async (audience, reader, { limit, before }) =>
        rowsOf(list.all({ audience, reader, limit, before: before ?? null })).map((r) => ({ seq: num(r.seq), body: str(r.body), read: num(r.read) === 1 })),
      unread: async (audience, reader) => num(unread.get({ audience, reader })),
      markRead: async (audience, reader, ids) => markRead(audience, reader, ids),
      markAllRead: async (audience, reader) => markAll(audience, reader),
      since: async (afterSeq, limit) => rowsOf(since.all(afterSeq, limit)).map((r) => ({ seq: num(r.seq), audience: str(r.audience), body: str(r.body) })),
      top: async () => num(top.get()),
    },
    webhooks: {
      add: async (w) => void addHook.run(w.id, w.owner, w.url, w.sealedSecret, w.createdAtMs),
      list: async (owner) => rowsOf(listHooks.all(owner)).map(webhookRow),
      get: async (id) => rowsOf([getHook.get(id)]).map(webhookRow)[0],
      remove: async (owner, id) => remove(owner, id),
      enqueue: async (webhookId, d, nowMs) => void insertDelivery.run(d.id, webhookId, d.eventId, d.type, d.body, nowMs, nowMs),
      claim: async (nowMs, leaseMs, limit) => claim(nowMs, leaseMs, limit),
      async settle(id, o) {
        if (o.delivered) delivered.run(o.atMs, o.status, id);
        else failed.run(o.nextAtMs === undefined ? 'dead' : 'pending', o.nextAtMs ?? o.atMs, o.status ?? null, o.error.slice(0, 500), id);
      },
      deliveries: async (webhookId, limit) => rowsOf(log.all(webhookId, limit)).map(deliveryRow),
    },
  };
}
