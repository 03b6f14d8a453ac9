import type { AuditAction, AuditEntry } from '../../shared/audit.ts';
import type { Role } from '../../shared/auth.ts';
import type { Notice } from '../../shared/notices.ts';

// The store's other two tables, behind small interfaces like the event log: stop-receiving
// notices (current version of each, rewritten on lift) and the append-only audit log.

export type StoredNotice = Omit<Notice, 'active'>;

export interface NoticeStore {
  /** Every notice ever issued, as stored JSON bodies (parsed by the caller: external data). */
  all(): string[];
  /** Insert a new notice or replace it (lift): durable when it returns. */
  put(notice: StoredNotice): void;
}

/** An audit entry before the store numbers it; `atMs` is the wall clock of the act. */
export interface AuditDraft {
  atMs: number;
  actor: string;
  role?: Role;
  action: AuditAction;
  target?: string;
  detail?: Record<string, unknown>;
  source: string;
}

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** A stored row: seq, time, and the JSON body of the draft. */
export interface AuditRow {
  seq: number;
  atMs: number;
  body: string;
}

export interface AuditLog {
  append(entry: AuditDraft): void;
  /** Newest first. */
  query(filter: AuditFilter): AuditRow[];
}

/** A revocation row: a signed-out session (until its expiry) or every session of a user issued before `atMs`. */
export type Revocation = { seq: number; kind: 'session'; key: string; untilMs: number } | { seq: number; kind: 'user'; key: string; atMs: number };

/** Ended sessions, shared by every node and kept across restarts. Durable when a call returns. */
export interface RevocationStore {
  revokeSession(sessionId: string, untilMs: number): void;
  revokeUser(username: string, atMs: number): void;
  /** Rows after `afterSeq`, in order (each node polls this). */
  since(afterSeq: number): Revocation[];
}

export function createMemoryRevocationStore(): RevocationStore {
  const rows: Revocation[] = [];
  return {
    revokeSession: (key, untilMs) => void rows.push({ seq: rows.length + 1, kind: 'session', key, untilMs }),
    revokeUser: (key, atMs) => void rows.push({ seq: rows.length + 1, kind: 'user', key, atMs }),
    since: (afterSeq) => rows.slice(afterSeq),
  };
}

export function createMemoryNoticeStore(): NoticeStore {
  const rows = new Map<string, string>();
  return { all: () => [...rows.values()], put: (n) => void rows.set(n.id, JSON.stringify(n)) };
}

export function createMemoryAuditLog(): AuditLog {
  const rows: (AuditRow & { draft: AuditDraft })[] = [];
  return {
    append: (draft) => void rows.push({ seq: rows.length + 1, atMs: draft.atMs, body: JSON.stringify(draft), draft }),
    query: (f) =>
      rows
        .filter(({ draft: d }) => (f.actor === undefined || d.actor === f.actor) && (f.action === undefined || d.action === f.action))
        .filter((r) => (f.fromMs === undefined || r.atMs >= f.fromMs) && (f.toMs === undefined || r.atMs <= f.toMs))
        .reverse()
        .slice(0, f.limit),
  };
}

export type { AuditEntry };
