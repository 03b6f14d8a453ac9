// `npm run backup -- [--data-dir DIR | --database-url URL] [--out FILE]`
// An ONLINE backup of the event log (events, notices, audit log, session revocations) while the server
// keeps serving and writing; the state snapshot (DATA_DIR/state.snapshot) is a cache and is not needed.
//   SQLite (the default; DATA_DIR, default ./data): SQLite's online backup API on a separate read-only
//     connection copies DATA_DIR/events.db as of one moment into one self-contained file (default
//     backups/cks-<UTC time>.db), then checks the copy (PRAGMA integrity_check, counts).
//   PostgreSQL (--database-url, or DATABASE_URL set): pg_dump --format=custom (default
//     backups/cks-<UTC time>.dump); Debian's /usr/lib/postgresql/15/bin unless PG_BIN names the directory.
// Prints what it wrote: file, size, events, highest seq. Exit code 1 with a message when it cannot.
// docs/deploy/README.md has the schedule and the restore drill.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  checkSqliteLog,
  fileKind,
  fileStamp,
  figuresLines,
  formatBytes,
  formatCount,
  fsyncDir,
  fsyncFile,
  pgClient,
  pgFiguresSql,
  pgTool,
  pgToolConnection,
  plural,
  redactUrl,
  runTool,
  targetOf,
  type PgClient,
} from './cli/backup-tools.ts';
import { CliError, runCli } from './cli/config-edit.ts';

const USAGE = 'usage: npm run backup -- [--data-dir DIR | --database-url URL] [--out FILE]';

/** Pages per backup step: all of them, so the copy is read in ONE read transaction (one moment of the log). */
const ALL_PAGES = 0x7fffffff;

/** Refuse to overwrite; make the folder; a `.partial` file is renamed to `out` only once it is checked. */
function prepareOut(out: string): string {
  if (existsSync(out)) throw new CliError(`${out} already exists; a backup never overwrites a file: choose another --out`);
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch (e) {
    throw new CliError(`cannot make the folder ${dirname(out)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  return partial;
}

/** Only the owner may read a backup (it holds the audit log); durable before it gets its final name. */
function finish(partial: string, out: string): number {
  chmodSync(partial, 0o600);
  fsyncFile(partial);
  renameSync(partial, out);
  fsyncDir(dirname(out));
  return statSync(out).size;
}

async function backupSqlite(dataDir: string, outFlag: string | undefined): Promise<void> {
  if (!existsSync(dataDir)) {
    throw new CliError(`the data directory ${dataDir} does not exist. Give the DATA_DIR the server runs with: ${USAGE}`);
  }
  const source = join(dataDir, 'events.db');
  if (!existsSync(source)) {
    throw new CliError(`there is no event log in ${dataDir} (no events.db). Give the DATA_DIR the server runs with: ${USAGE}`);
  }
  if (fileKind(source) !== 'sqlite') throw new CliError(`${source} is not an SQLite database`);
  const out = resolve(outFlag ?? join('backups', `cks-${fileStamp()}.db`));
  const partial = prepareOut(out);

  // A connection of its own, read-only: the server keeps writing (WAL: a reader never blocks the writer).
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new CliError(`cannot open ${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const takenAt = new Date();
  try {
    // The first step only measures; the second copies every page in one read transaction, so the copy is
    // the log as of one moment, and no write of the server in between can make SQLite start the copy over.
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (e) {
    rmSync(partial, { force: true });
    throw new CliError(`the backup of ${source} failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    db.close();
  }

  // One self-contained file (rollback journal, not WAL): nothing beside it is needed to copy or restore it.
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  let figures;
  try {
    figures = checkSqliteLog(partial, 'the new backup');
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const bytes = finish(partial, out);
  console.log(`backup written: ${out}`);
  console.log(`  size:        ${formatBytes(bytes)}`);
  for (const line of figuresLines(figures)) console.log(line);
  console.log(`  integrity:   ok (PRAGMA integrity_check)`);
  console.log(`  taken:       ${takenAt.toISOString()} from ${source}, while the server ran: what it acknowledged after this moment is not in it`);
  console.log(`Restore it with: npm run restore -- ${out} --data-dir NEW_DATA_DIR`);
}

async function backupPostgres(url: string, outFlag: string | undefined): Promise<void> {
  const out = resolve(outFlag ?? join('backups', `cks-${fileStamp()}.dump`));
  const dump = pgTool('pg_dump');
  const conn = pgToolConnection(url);
  const partial = prepareOut(out);

  // With the `pg` package: a REPEATABLE READ transaction exports its snapshot, pg_dump dumps exactly that
  // snapshot, and the figures printed are counted in it — the same moment as the dump.
  const client: PgClient | undefined = await pgClient(url);
  let snapshot: string | undefined;
  let figures: { events: number; highestSeq: number; notices: number; audit: number } | undefined;
  const takenAt = new Date();
  try {
    if (client) {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const exported = await client.query('SELECT pg_export_snapshot() AS id');
      snapshot = String(exported.rows[0]?.id ?? '');
      const has = (await client.query(`SELECT to_regclass('events') IS NOT NULL AS events, to_regclass('notices') IS NOT NULL AS notices, to_regclass('audit') IS NOT NULL AS audit`)).rows[0];
      if (has?.events !== true) {
        throw new CliError(`${redactUrl(url)} has no events table: it is not a Cửa khẩu số database, or no node has started on it yet`);
      }
      const row = (await client.query(pgFiguresSql({ events: true, notices: has.notices === true, audit: has.audit === true }))).rows[0] ?? {};
      figures = { events: Number(row.events ?? 0), highestSeq: Number(row.highest_seq ?? 0), notices: Number(row.notices ?? 0), audit: Number(row.audit ?? 0) };
    }
    const args = ['--format=custom', `--file=${partial}`, ...(snapshot ? [`--snapshot=${snapshot}`] : []), `--dbname=${conn.url}`];
    const run = await runTool(dump, args, conn.env, { echoStderr: true });
    if (run.code !== 0) {
      throw new CliError(`pg_dump failed (exit code ${run.code}) on ${redactUrl(url)}${run.stderr.trim() === '' ? '' : `: ${run.stderr.trim()}`}`);
    }
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    if (client) {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  // pg_restore must be able to read it back, and it must hold the events table's rows.
  const list = await runTool(pgTool('pg_restore'), ['--list', partial], conn.env);
  if (list.code !== 0 || !/ TABLE DATA \S+ events /.test(list.stdout)) {
    rmSync(partial, { force: true });
    throw new CliError(
      list.code !== 0
        ? `pg_restore cannot read the dump just written: ${list.stderr.trim()}`
        : `the dump of ${redactUrl(url)} holds no events table: it is not a Cửa khẩu số database, or no node has started on it yet`,
    );
  }
  const bytes = finish(partial, out);
  console.log(`backup written: ${out}`);
  console.log(`  size:        ${formatBytes(bytes)}`);
  if (figures) {
    console.log(`  events:      ${formatCount(figures.events)} (highest seq ${formatCount(figures.highestSeq)})`);
    console.log(`  also:        ${plural(figures.notices, 'notice')}, ${plural(figures.audit, 'audit entry', 'audit entries')}`);
  } else {
    console.log('  events:      (not counted: the pg package is not installed)');
  }
  console.log(`  check:       pg_restore --list reads it (${list.stdout.split('\n').filter((l) => l !== '' && !l.startsWith(';')).length} entries, events table data present)`);
  console.log(`  taken:       ${takenAt.toISOString()} from ${redactUrl(url)} (pg_dump: one consistent snapshot, nodes kept running)`);
  console.log(`Restore it with: npm run restore -- ${out} --database-url postgres://USER@HOST/EMPTY_DATABASE`);
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 0) throw new CliError(`unexpected ${positionals.join(' ')}\n${USAGE}`);
  const target = targetOf({ dataDir: values['data-dir'], databaseUrl: values['database-url'] }, (d) => resolve(d));
  if (values.out !== undefined && basename(values.out) === '') throw new CliError(`--out must name a file\n${USAGE}`);
  if (target.kind === 'sqlite') await backupSqlite(target.dataDir, values.out);
  else await backupPostgres(target.url, values.out);
});
