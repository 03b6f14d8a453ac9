import type { Request } from 'express';
import { z } from 'zod';
import { AuditEntry, type AuditAction } from '../../../shared/audit.ts';
import type { Role } from '../../../shared/auth.ts';
import type { LocalTime } from '../../domain/index.ts';
import type { AuditLog, AuditRow } from '../../store/side-tables.ts';
import { clientIp, userOf } from '../guards/auth.ts';

// Writing and reading the audit log (nhật ký thao tác). Times are wall time of the act.

export interface AuditTrail {
  /** Record an act of the request's user (or `actor` when nobody is signed in, e.g. a failed login). */
  /** Durable when it resolves. */
  record(req: Request, action: AuditAction, what: { target?: string; detail?: Record<string, unknown>; actor?: string; role?: Role }): Promise<void>;
  read(rows: readonly AuditRow[]): AuditEntry[];
}

/** A stored row: the entry without its seq (the row's) and with its time as epoch ms. */
const StoredDraft = AuditEntry.omit({ seq: true, at: true }).extend({ atMs: z.number() });

export function auditTrail(log: AuditLog, localTime: LocalTime): AuditTrail {
  return {
    record(req, action, what) {
      const user = userOf(req);
      const role = what.role ?? user?.role;
      return log.append({
        atMs: Date.now(),
        actor: what.actor ?? user?.username ?? 'anonymous',
        ...(role === undefined ? {} : { role }),
        action,
        ...(what.target === undefined ? {} : { target: what.target }),
        ...(what.detail === undefined ? {} : { detail: what.detail }),
        source: clientIp(req),
      });
    },
    read: (rows) =>
      rows.flatMap((row) => {
        const parsed = StoredDraft.safeParse(JSON.parse(row.body));
        if (!parsed.success) return [];
        const { atMs: _at, ...rest } = parsed.data;
        return [{ seq: row.seq, at: localTime.formatIso(row.atMs), ...rest }];
      }),
  };
}
