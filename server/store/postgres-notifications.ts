import type pg from 'pg';
import { claimedRow, deliveryRow, num, str, webhookRow, type NotificationStore, type Row, type WebhookStore } from './notification-tables.ts';
import { pgAttempt as attempt } from './postgres-errors.ts';
import { NOTIFICATION_LOCK } from './postgres-migrations.ts';

// The notification and webhook tables of the shared store. Several nodes insert the same notification
// (each follows the journal and runs the same rules): ON CONFLICT DO NOTHING keeps the first, and only the
// node whose insert went in writes its outbox rows. Deliveries are claimed FOR UPDATE SKIP LOCKED with a lease.


// One statement: the lock (seqs commit in seq order, so a node polling `since` never skips a row), the new
// notifications, and one outbox row per webhook of the owner for those that went in.
const ADD_SQL = `WITH turn AS (SELECT pg_advisory_xact_lock(${NOTIFICATION_LOCK})),
  d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS d(id, audience, kind, at_ms, body, owner, payload, o)),
  ins AS (INSERT INTO notifications (id, audience, kind, at_ms, body)
          SELECT d.id, d.audience, d.kind, d.at_ms, d.body FROM d, turn ORDER BY d.o ON CONFLICT (id) DO NOTHING RETURNING id),
  box AS (INSERT INTO webhook_outbox (id, webhook_id, event_id, type, body, created_at_ms, next_at_ms)
          SELECT ins.id || '|' || w.id, w.id, ins.id, d.kind, d.payload, $8, $8
          FROM ins JOIN d ON d.id = ins.id JOIN webhooks w ON w.owner = d.owner WHERE d.payload IS NOT NULL
          ON CONFLICT (id) DO NOTHING)
  SELECT id FROM ins`;
const UNREAD_WHERE = `n.audience = $1
  AND n.seq > COALESCE((SELECT up_to_seq FROM notification_read_marks m WHERE m.reader = $2 AND m.audience = $1), 0)
  AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.reader = $2 AND r.notification_seq = n.seq)`;
const CLAIM_SQL = `UPDATE webhook_outbox o SET lease_until_ms = $1::bigint + $2::bigint FROM webhooks w
  WHERE w.id = o.webhook_id AND o.id IN (
    SELECT id FROM webhook_outbox WHERE state = 'pending' AND next_at_ms <= $1 AND lease_until_ms <= $1
    ORDER BY next_at_ms LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING o.id, o.webhook_id, w.url, w.secret, o.event_id, o.body, o.attempts`;

export function postgresNotificationTables(pool: pg.Pool): { notifications: NotificationStore; webhooks: WebhookStore } {
  const q = async (text: string, values: unknown[] = []): Promise<Row[]> => (await attempt(() => pool.query<Row>(text, values))).rows;
  return {
    notifications: {
      async add(drafts, nowMs) {
        if (drafts.length === 0) return [];
        const unique = [...new Map(drafts.map((d) => [d.id, d])).values()];
        const col = <T>(pick: (d: (typeof unique)[number]) => T): T[] => unique.map(pick);
        const rows = await q(ADD_SQL, [
          col((d) => d.id),
          col((d) => d.audience),
          col((d) => d.kind),
          col((d) => d.atMs),
          col((d) => d.body),
          col((d) => d.webhookOwner ?? null),
          col((d) => d.payload ?? null),
          nowMs,
        ]);
        return rows.map((r) => str(r.id));
      },
      async list(audience, reader, { limit, before }) {
        const rows = await q(
          `SELECT n.seq, n.body, NOT (${UNREAD_WHERE}) AS read FROM notifications n
           WHERE n.audience = $1 AND ($3::bigint IS NULL OR n.seq < $3) ORDER BY n.seq DESC LIMIT $4`,
          [audience, reader, before ?? null, limit],
        );
        return rows.map((r) => ({ seq: num(r.seq), body: str(r.body), read: r.read === true }));
      },
      unread: async (audience, reader) => num((await q(`SELECT count(*) AS c FROM notifications n WHERE ${UNREAD_WHERE}`, [audience, reader]))[0]?.c ?? 0),
      async markRead(audience, reader, ids) {
        await q(
          `INSERT INTO notification_reads (reader, notification_seq)
           SELECT $2, seq FROM notifications WHERE audience = $1 AND id = ANY($3::text[]) ON CONFLICT DO NOTHING`,
          [audience, reader, ids],
        );
      },
      async markAllRead(audience, reader) {
        await q(
          `WITH top AS (SELECT COALESCE(max(seq), 0) AS s FROM notifications WHERE audience = $1),
           mark AS (INSERT INTO notification_read_marks (reader, audience, up_to_seq) SELECT $2, $1, s FROM top
                    ON CONFLICT (reader, audience) DO UPDATE SET up_to_seq = GREATEST(notification_read_marks.up_to_seq, EXCLUDED.up_to_seq))
           DELETE FROM notification_reads WHERE reader = $2 AND notification_seq <= (SELECT s FROM top)`,
          [audience, reader],
        );
      },
      since: async (afterSeq, limit) =>
        (await q('SELECT seq, audience, body FROM notifications WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])).map((r) => ({
          seq: num(r.seq),
          audience: str(r.audience),
          body: str(r.body),
        })),
      top: async () => num((await q('SELECT COALESCE(max(seq), 0) AS s FROM notifications'))[0]?.s ?? 0),
    },
    webhooks: {
      async add(w) {
        await q('INSERT INTO webhooks (id, owner, url, secret, created_at_ms) VALUES ($1, $2, $3, $4, $5)', [w.id, w.owner, w.url, w.sealedSecret, w.createdAtMs]);
      },
      list: async (owner) => (await q('SELECT * FROM webhooks WHERE owner = $1 ORDER BY created_at_ms, id', [owner])).map(webhookRow),
      get: async (id) => (await q('SELECT * FROM webhooks WHERE id = $1', [id])).map(webhookRow)[0],
      async remove(owner, id) {
        const rows = await q(
          `WITH gone AS (DELETE FROM webhooks WHERE owner = $1 AND id = $2 RETURNING id),
           box AS (DELETE FROM webhook_outbox WHERE webhook_id IN (SELECT id FROM gone))
           SELECT id FROM gone`,
          [owner, id],
        );
        return rows.length > 0;
      },
      async enqueue(webhookId, d, nowMs) {
        await q(
          `INSERT INTO webhook_outbox (id, webhook_id, event_id, type, body, created_at_ms, next_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (id) DO NOTHING`,
          [d.id, webhookId, d.eventId, d.type, d.body, nowMs],
        );
      },
      claim: async (nowMs, leaseMs, limit) =>
        (await q(CLAIM_SQL, [nowMs, leaseMs, limit])).map(claimedRow),
      async settle(id, o) {
        if (o.delivered) {
          await q(
            `UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at_ms = $2, last_status = $3, last_error = NULL, lease_until_ms = 0 WHERE id = $1`,
            [id, o.atMs, o.status],
          );
        } else {
          await q(
            `UPDATE webhook_outbox SET state = $2, attempts = attempts + 1, next_at_ms = $3, last_status = $4, last_error = $5, lease_until_ms = 0 WHERE id = $1`,
            [id, o.nextAtMs === undefined ? 'dead' : 'pending', o.nextAtMs ?? o.atMs, o.status ?? null, o.error.slice(0, 500)],
          );
        }
      },
      deliveries: async (webhookId, limit) =>
        (await q('SELECT * FROM webhook_outbox WHERE webhook_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT $2', [webhookId, limit])).map(deliveryRow),
    },
  };
}
