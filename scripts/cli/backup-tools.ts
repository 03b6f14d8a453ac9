import { spawn } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CliError } from './config-edit.ts';

// Shared by `npm run backup` and `npm run restore` (scripts/backup.ts, scripts/restore.ts): which store a
// command works on, what kind of file a backup is, the figures a backup holds, PostgreSQL's client tools.

/** Where the event log lives: an SQLite data dir, or a PostgreSQL database. */
export type Target = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

/**
 * Flags first (`--data-dir`, `--database-url`; not both), then the environment a node runs with:
 * DATABASE_URL set → PostgreSQL, otherwise DATA_DIR (default ./data).
 */
export function targetOf(flags: { dataDir?: string | undefined; databaseUrl?: string | undefined }, resolveDir: (d: string) => string): Target {
  if (flags.dataDir !== undefined && flags.databaseUrl !== undefined) throw new CliError('give --data-dir (SQLite) or --database-url (PostgreSQL), not both');
  const url = flags.databaseUrl ?? (flags.dataDir === undefined ? blankToUndefined(process.env.DATABASE_URL) : undefined);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new CliError(`the database URL must start with postgres:// or postgresql:// (got ${redactUrl(url)})`);
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', dataDir: resolveDir(flags.dataDir ?? blankToUndefined(process.env.DATA_DIR) ?? './data') };
}

const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/** `2024-01-05T03:15:00.123Z` → `20240105T031500Z` (file names sort by time). */
export const fileStamp = (d = new Date()): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export const formatBytes = (n: number): string =>
  n < 1024 * 1024 ? `${n.toLocaleString('en-US')} bytes` : `${(n / 1024 / 1024).toFixed(1)} MiB (${n.toLocaleString('en-US')} bytes)`;
export const formatCount = (n: number): string => n.toLocaleString('en-US');
/** `1 event`, `2,000 events`, `1 audit entry`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

// ── What kind of file ──────────────────────────────────────────────────────────────────────────────

export type FileKind = 'sqlite' | 'pg-dump' | 'other';

/** By its first bytes: SQLite's "SQLite format 3\0", pg_dump's custom format "PGDMP". */
export function fileKind(file: string): FileKind {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 16 && head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg-dump';
  return 'other';
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// ── What an SQLite event log holds ─────────────────────────────────────────────────────────────────

export interface Figures {
  events: number;
  /** Highest event seq (0 when there are none). */
  highestSeq: number;
  /** Highest journal position: events and notice writes (what /healthz calls seq). */
  journal: number;
  notices: number;
  audit: number;
  revocations: number;
}

const TABLES = ['events', 'notices', 'audit', 'revocations'] as const;

/** Integrity check and figures of an SQLite event log; `CliError` when it is not one. Opened read-only. */
export function checkSqliteLog(file: string, what: string): Figures & { schemaVersion: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new CliError(`cannot open ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    let problems: string[];
    try {
      problems = db.pragma('integrity_check', { simple: false }) as unknown[] as string[];
    } catch (e) {
      throw new CliError(`${what} ${file} is damaged or not an SQLite database: ${e instanceof Error ? e.message : String(e)}`);
    }
    const lines = problems.map((row) => (row !== null && typeof row === 'object' ? String(Object.values(row)[0]) : String(row)));
    if (lines.length !== 1 || lines[0] !== 'ok') {
      throw new CliError(`${what} ${file} failed SQLite's integrity check:\n  ${lines.slice(0, 10).join('\n  ')}`);
    }
    const present = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as unknown[]).filter((n): n is string => typeof n === 'string'),
    );
    const missing = TABLES.filter((t) => t !== 'revocations' && !present.has(t));
    if (missing.length > 0) {
      throw new CliError(`${what} ${file} is an SQLite database but not a Cửa khẩu số event log (no ${missing.join(', ')} table)`);
    }
    const count = (table: string): number => (present.has(table) ? Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()) : 0);
    const highestSeq = Number(db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck().get());
    const hasChangeSeq = (db.prepare("SELECT COUNT(*) FROM pragma_table_info('notices') WHERE name = 'change_seq'").pluck().get() as number) > 0;
    const noticeTop = hasChangeSeq ? Number(db.prepare('SELECT COALESCE(MAX(change_seq), 0) FROM notices').pluck().get()) : 0;
    return {
      events: count('events'),
      highestSeq,
      journal: Math.max(highestSeq, noticeTop),
      notices: count('notices'),
      audit: count('audit'),
      revocations: count('revocations'),
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
    };
  } finally {
    db.close();
  }
}

export const figuresLines = (f: Figures): string[] => [
  `  events:      ${formatCount(f.events)} (highest seq ${formatCount(f.highestSeq)}; journal position ${formatCount(f.journal)})`,
  `  also:        ${plural(f.notices, 'notice')}, ${plural(f.audit, 'audit entry', 'audit entries')}, ${plural(f.revocations, 'session revocation')}`,
];

// ── PostgreSQL ─────────────────────────────────────────────────────────────────────────────────────

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * The URL for a client tool's command line without the password (visible to every user in `ps`), and the
 * environment that carries it instead (PGPASSWORD).
 */
export function pgToolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError(`cannot read the database URL ${redactUrl(url)}`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password !== '') {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

/** Debian's PostgreSQL 15 client tools, PG_BIN overriding the directory, else whatever is on PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const dir = blankToUndefined(process.env.PG_BIN);
  if (dir !== undefined) {
    const tool = join(dir, name);
    if (!existsSync(tool)) throw new CliError(`${name} not found in PG_BIN=${dir}`);
    return tool;
  }
  const debian = join('/usr/lib/postgresql/15/bin', name);
  return existsSync(debian) ? debian : name;
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a PostgreSQL client tool; CliError with install advice when it is not installed. */
export function runTool(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, opts: { echoStderr?: boolean } = {}): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (opts.echoStderr === true) process.stderr.write(d);
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(
          new CliError(
            `${tool} is not installed. Install PostgreSQL 15's client tools (Debian: apt-get install postgresql-client-15), ` +
              'or set PG_BIN to the directory holding pg_dump and pg_restore',
          ),
        );
      } else reject(e);
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The `pg` package's client, if the package is installed (it is optional for these commands). */
export interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

export async function pgClient(url: string): Promise<PgClient | undefined> {
  // A variable specifier: this file typechecks and runs whether or not `pg` is installed.
  const specifier = 'pg';
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch {
    return undefined;
  }
  const lib = (mod as { default?: { Client?: unknown } }).default ?? (mod as { Client?: unknown });
  const Client = (lib as { Client?: unknown }).Client;
  if (typeof Client !== 'function') return undefined;
  const client = new (Client as new (o: { connectionString: string }) => PgClient)({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new CliError(`cannot connect to ${redactUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return client;
}

/** One query's rows as text, with `pg` when installed, else with psql (-tA: unaligned, no headers). */
export async function pgRows(url: string, sql: string): Promise<string[][]> {
  const client = await pgClient(url);
  if (client) {
    try {
      const { rows } = await client.query(sql);
      return rows.map((r) => Object.values(r).map((v) => (v === null || v === undefined ? '' : String(v))));
    } catch (e) {
      throw new CliError(`query on ${redactUrl(url)} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const conn = pgToolConnection(url);
  const run = await runTool(pgTool('psql'), ['--no-psqlrc', '-X', '-tA', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', conn.url, '-c', sql], conn.env);
  if (run.code !== 0) throw new CliError(`cannot query ${redactUrl(url)}: ${run.stderr.trim() || `psql exited with ${run.code}`}`);
  return run.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

export interface PgFigures {
  /** Whether the database has an events table at all (a database no node has started on has none). */
  hasEvents: boolean;
  events: number;
  highestSeq: number;
  notices: number;
  audit: number;
  /** Other sessions connected to this database (running nodes hold one each, at least). */
  otherSessions: number;
}

// Every column named: `pg` returns a row as an object, and unnamed columns would all be "?column?".
const PG_TABLES_SQL = `SELECT to_regclass('events') IS NOT NULL AS has_events, to_regclass('notices') IS NOT NULL AS has_notices,
  to_regclass('audit') IS NOT NULL AS has_audit,
  (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) AS other_sessions`;

/** The SELECT that reads a database's figures, given which tables it has. */
export function pgFiguresSql(has: { events: boolean; notices: boolean; audit: boolean }): string {
  return `SELECT ${has.events ? '(SELECT count(*) FROM events)' : '0'} AS events,
    ${has.events ? '(SELECT COALESCE(max(seq), 0) FROM events)' : '0'} AS highest_seq,
    ${has.notices ? '(SELECT count(*) FROM notices)' : '0'} AS notices, ${has.audit ? '(SELECT count(*) FROM audit)' : '0'} AS audit`;
}

/** Figures of the event log in a PostgreSQL database (tables that do not exist count 0). */
export async function pgFigures(url: string): Promise<PgFigures> {
  const [t] = await pgRows(url, PG_TABLES_SQL);
  const yes = (v: string | undefined): boolean => v === 't' || v === 'true';
  const has = { events: yes(t?.[0]), notices: yes(t?.[1]), audit: yes(t?.[2]) };
  const [row] = await pgRows(url, pgFiguresSql(has));
  const n = (i: number): number => Number(row?.[i] ?? 0);
  return { hasEvents: has.events, events: n(0), highestSeq: n(1), notices: n(2), audit: n(3), otherSessions: Number(t?.[3] ?? 0) };
}
