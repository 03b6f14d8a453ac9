import type { AuditAction, AuditEntry } from '../../shared/audit.ts';
import type { Role } from '../../shared/auth.ts';
import type { Notice } from '../../shared/notices.ts';
import type { RuleChange } from '../../shared/procedures.ts';

// The store's side tables (parts of the port in store.ts): the append-only audit log and ended sessions.
// Notices (current version of each, rewritten on lift) are written through the journal (store.ts).

export type StoredNotice = Omit<Notice, 'active'>;
/**
 * What the journal keeps beside events, one row each in the `notices` table (id, issuedAt, body): the
 * notices and the rule changes (procedure, service pattern — their body has a `kind`). One table, so both
 * take journal positions and reach every node through the same tail.
 */
export type StoredDocument = StoredNotice | RuleChange;

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
  /** Only rows older than this seq (paging: the last seq of the page before). */
  beforeSeq?: number;
  limit: number;
}

/** A stored row: seq, time, and the JSON body of the draft. */
export interface AuditRow {
  seq: number;
  atMs: number;
  body: string;
}

export interface AuditLog {
  /** Durable when it resolves. */
  append(entry: AuditDraft): Promise<void>;
  /** Newest first. */
  query(filter: AuditFilter): Promise<AuditRow[]>;
}

/** A revocation row: a signed-out session (until its expiry) or every session of a user issued before `atMs`. */
export type Revocation = { seq: number; kind: 'session'; key: string; untilMs: number } | { seq: number; kind: 'user'; key: string; atMs: number };

/** Ended sessions, shared by every node and kept across restarts. Durable when a call returns. */
export interface RevocationStore {
  revokeSession(sessionId: string, untilMs: number): Promise<void>;
  revokeUser(username: string, atMs: number): Promise<void>;
  /**
   * Rows after `afterSeq`, in order (each node polls this). A shared implementation must make seqs commit in
   * seq order (PostgreSQL: inserts under an advisory lock), or a poller could skip a row committed late.
   */
  since(afterSeq: number): Promise<Revocation[]>;
}

export function createMemoryRevocationStore(): RevocationStore {
  const rows: Revocation[] = [];
  return {
    revokeSession: async (key, untilMs) => void rows.push({ seq: rows.length + 1, kind: 'session', key, untilMs }),
    revokeUser: async (key, atMs) => void rows.push({ seq: rows.length + 1, kind: 'user', key, atMs }),
    since: async (afterSeq) => rows.slice(afterSeq),
  };
}


export type { AuditEntry };
