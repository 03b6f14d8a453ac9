import { z } from 'zod';
import { Role } from './auth.ts';
import { OffsetDateTime } from './primitives.ts';

// Audit log — nhật ký thao tác: every act, append-only, with who, when, what and from where.

export const AuditAction = z.enum([
  'login',
  'login_failed',
  'logout',
  'sessions_revoked',
  'notice_issued',
  'notice_lifted',
  'check_recorded',
  'key_added',
  'user_added',
  'clock_changed',
  'recommendation_dismissed',
  'webhook_added',
  'webhook_removed',
  'procedure_changed',
  'service_pattern_changed',
  'step_recorded',
  'declaration_amended',
  'customs_import',
  'customs_row_imported',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: OffsetDateTime,
  /** Username, or `cli:<os user>` for the command line. */
  actor: z.string(),
  role: Role.optional(),
  action: AuditAction,
  /** What was acted on: a notice id, a declaration id, a username, a gate key id. */
  target: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  /** Where from: client IP, or `cli`. */
  source: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actor: z.string().optional(),
  action: AuditAction.optional(),
  from: OffsetDateTime.optional(),
  to: OffsetDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Paging: entries older than this seq (the last one of the page before). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;
