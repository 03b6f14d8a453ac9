import { z } from 'zod';
import { NoticeDirection } from './notices.ts';
import { CargoCategory, Force, GateId, OffsetDateTime } from './primitives.ts';

// Notifications (thông báo cho người dùng) and webhooks. One schema per kind: `params` carry what the
// console needs to write the sentence in vi or en (client/src/i18n), never a prepared sentence.

/** Who hears a notification: exactly the live delivery room of that audience (server/live/rooms.ts). */
export const Audience = z.string().regex(/^(operator|force:[^:]+:[a-z_]+|enterprise:.+)$/);
export type Audience = z.infer<typeof Audience>;

const Plates = z.array(z.string()).max(20);

/** A stop-receiving notice started or ended that covers the enterprise's trucks not yet cleared. */
const NoticeEdge = z.object({
  noticeId: z.string(),
  gateIds: z.array(GateId),
  direction: NoticeDirection,
  categories: z.array(CargoCategory).optional(),
  /** How many of the enterprise's trucks it covers; `plates` lists at most 20 of them. */
  trucks: z.number().int().nonnegative(),
  plates: Plates,
  declarationIds: z.array(z.string()).max(20),
});

export const NotificationParams = {
  notice_started: NoticeEdge,
  notice_ended: NoticeEdge,
  check_rejected: z.object({ declarationId: z.string(), plate: z.string(), gateId: GateId, force: Force, note: z.string().optional() }),
  truck_cleared: z.object({ declarationId: z.string(), plate: z.string(), gateId: GateId, clearedAt: OffsetDateTime }),
  worklist_threshold: z.object({ gateId: GateId, force: Force, count: z.number().int().nonnegative(), threshold: z.number().int().positive() }),
  eta_moved: z.object({ declarationId: z.string(), plate: z.string(), oldEta: OffsetDateTime, newEta: OffsetDateTime }),
  recommended_notice: z.object({
    gateIds: z.array(GateId).min(1),
    direction: NoticeDirection,
    categories: z.array(CargoCategory).optional(),
    effectiveFrom: OffsetDateTime,
    effectiveUntil: OffsetDateTime.optional(),
    reason: z.string().max(500),
  }),
} as const;
export type EtaMovedParams = z.infer<typeof NotificationParams.eta_moved>;
export type RecommendedNoticeParams = z.infer<typeof NotificationParams.recommended_notice>;

export const NotificationKind = z.enum([
  'notice_started',
  'notice_ended',
  'check_rejected',
  'truck_cleared',
  'worklist_threshold',
  'eta_moved',
  'recommended_notice',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

const Base = z.object({
  /** Deterministic from what caused it (kind + subject + notice edge / journal fact): created once per deployment. */
  id: z.string().min(1).max(300),
  audience: Audience,
  createdAt: OffsetDateTime,
});
const P = NotificationParams;
/** A notification as stored and sent (without the reader's read state). */
export const NotificationBody = z.discriminatedUnion('kind', [
  Base.extend({ kind: z.literal('notice_started'), params: P.notice_started }),
  Base.extend({ kind: z.literal('notice_ended'), params: P.notice_ended }),
  Base.extend({ kind: z.literal('check_rejected'), params: P.check_rejected }),
  Base.extend({ kind: z.literal('truck_cleared'), params: P.truck_cleared }),
  Base.extend({ kind: z.literal('worklist_threshold'), params: P.worklist_threshold }),
  Base.extend({ kind: z.literal('eta_moved'), params: P.eta_moved }),
  Base.extend({ kind: z.literal('recommended_notice'), params: P.recommended_notice }),
]);
export type NotificationBody = z.infer<typeof NotificationBody>;

export const Notification = z.intersection(NotificationBody, z.object({ read: z.boolean() }));
export type Notification = z.infer<typeof Notification>;

/** GET /api/v1/notifications?before=<seq>&limit= — newest first. */
export const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Page on: the `next` of the previous page. */
  before: z.coerce.number().int().positive().optional(),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const NotificationList = z.object({
  notifications: z.array(Notification),
  unread: z.number().int().nonnegative(),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next: z.number().int().positive().optional(),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** POST /api/v1/notifications/read */
export const ReadRequest = z.union([z.object({ ids: z.array(z.string().max(300)).min(1).max(500) }), z.object({ all: z.literal(true) })]);
export type ReadRequest = z.infer<typeof ReadRequest>;
export const ReadResponse = z.object({ unread: z.number().int().nonnegative() });
export type ReadResponse = z.infer<typeof ReadResponse>;

// Webhooks (enterprise systems): deliveries are POSTed as WebhookPayload with X-CKS-Id, X-CKS-Timestamp and
// X-CKS-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>"> under the webhook's secret.

export const WebhookDraft = z.object({ url: z.string().trim().url().max(2000) });
export type WebhookDraft = z.infer<typeof WebhookDraft>;

export const Webhook = z.object({ id: z.string(), url: z.string(), createdAt: OffsetDateTime });
export type Webhook = z.infer<typeof Webhook>;
export const WebhookList = z.object({ webhooks: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;
/** POST /api/v1/webhooks: the secret is shown this once. */
export const WebhookCreated = Webhook.extend({ secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const DeliveryState = z.enum(['pending', 'delivered', 'dead']);
export type DeliveryState = z.infer<typeof DeliveryState>;
export const Delivery = z.object({
  id: z.string(),
  /** The payload's id (the notification's, or `ping-…` for a test). */
  eventId: z.string(),
  type: z.string(),
  state: DeliveryState,
  attempts: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().optional(),
  deliveredAt: z.iso.datetime().optional(),
  lastStatus: z.number().int().optional(),
  lastError: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryList = z.object({ deliveries: z.array(Delivery) });
export type DeliveryList = z.infer<typeof DeliveryList>;

/** The JSON body of a webhook delivery. */
export const WebhookPayload = z.object({ id: z.string(), type: z.string(), occurredAt: OffsetDateTime, data: z.unknown() });
export type WebhookPayload = z.infer<typeof WebhookPayload>;
