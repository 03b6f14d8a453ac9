import { z } from 'zod';
import { CargoCategory, GateId, LocalizedText, OffsetDateTime } from './primitives.ts';

// Stop-receiving notice — thông báo tạm dừng tiếp nhận hàng hóa (CONTRACT §4).

export const NoticeDirection = z.enum(['export', 'import', 'both']);
export type NoticeDirection = z.infer<typeof NoticeDirection>;

/** Body of POST /api/v1/notices. `categories` omitted = all goods. */
export const NoticeDraft = z.object({
  gateIds: z.array(GateId).min(1).max(20),
  direction: NoticeDirection,
  categories: z.array(CargoCategory).min(1).optional(),
  effectiveFrom: OffsetDateTime,
  effectiveUntil: OffsetDateTime.optional(),
  reason: LocalizedText,
});
export type NoticeDraft = z.infer<typeof NoticeDraft>;

export const Notice = NoticeDraft.extend({
  id: z.string(),
  issuedAt: OffsetDateTime,
  issuedBy: z.string(),
  liftedAt: OffsetDateTime.optional(),
  liftedBy: z.string().optional(),
  /** Derived at the server clock: in force now. */
  active: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

/** Query of GET /api/v1/notices: without a period, the active and recent ones; with one, every notice in force during it. */
export const NoticesQuery = z.object({ from: OffsetDateTime.optional(), to: OffsetDateTime.optional() });
export type NoticesQuery = z.infer<typeof NoticesQuery>;
