// `npm run restore -- FILE [--data-dir DIR | --database-url URL] [--force]`
// Puts a backup made by `npm run backup` back, for a server to start on.
//   SQLite backup (.db) → DIR/events.db: only into a data dir without an event log (with --force the old
//     one is moved aside as events.db.before-restore-<time>, never deleted); the copy is checked
//     (PRAGMA integrity_check, counts) and a stale DIR/state.snapshot (a cache of the old log) is removed.
//   pg_dump file (.dump) → the database at URL: pg_restore --no-owner --no-acl --exit-on-error
//     --single-transaction, only into an EMPTY database (with --force its tables are dropped and made
//     again from the dump: --clean --if-exists).
// Stop the server (every node) using the target first. Exit code 1 with a message when it cannot.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../server/store/migrations.ts';
import {
  checkSqliteLog,
  fileKind,
  fileStamp,
  figuresLines,
  formatCount,
  fsyncDir,
  plural,
  fsyncFile,
  pgFigures,
  pgTool,
  pgToolConnection,
  redactUrl,
  runTool,
  targetOf,
  type Figures,
} from './cli/backup-tools.ts';
import { CliError, runCli } from './cli/config-edit.ts';

const USAGE = 'usage: npm run restore -- FILE [--data-dir DIR | --database-url URL] [--force]';

const sameFigures = (a: Figures, b: Figures): boolean =>
  a.events === b.events && a.highestSeq === b.highestSeq && a.journal === b.journal && a.notices === b.notices && a.audit === b.audit;

async function restoreSqlite(file: string, dataDir: string, force: boolean): Promise<void> {
  const held = checkSqliteLog(file, 'the backup');
  if (held.schemaVersion > SCHEMA_VERSION) {
    throw new CliError(
      `${file} was made by a newer version of the server (event log schema ${held.schemaVersion}; this one knows ${SCHEMA_VERSION}). Restore it with that version.`,
    );
  }
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot make the data directory ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const log = join(dataDir, 'events.db');
  // The write-ahead log and its index belong to the file beside them: a stale -wal would be replayed into
  // the restored file, so they move (or go) with the old log.
  const companions = ['', '-wal', '-shm'] as const;
  let movedAside: string | undefined;
  if (existsSync(log) || existsSync(`${log}-wal`)) {
    if (!force) {
      let what = 'events.db';
      try {
        what = `events.db, ${plural(checkSqliteLog(log, 'the event log').events, 'event')}`;
      } catch {
        // Damaged or unreadable: still refused, the operator decides.
      }
      throw new CliError(
        `${dataDir} already holds an event log (${what}); restore refuses to replace it.\n` +
          `Restore into a new data dir (--data-dir NEW_DIR), or stop the server using ${dataDir} and run again with --force: ` +
          'the old log is then moved aside as events.db.before-restore-<time>, not deleted.',
      );
    }
    movedAside = `${log}.before-restore-${fileStamp()}`;
    for (const suffix of companions) {
      if (existsSync(`${log}${suffix}`)) renameSync(`${log}${suffix}`, `${movedAside}${suffix}`);
    }
  } else {
    rmSync(`${log}-shm`, { force: true });
  }

  // Copy under a temporary name, make it one self-contained file, check it, then give it its name.
  const tmp = join(dataDir, `events.db.restoring-${process.pid}`);
  try {
    copyFileSync(file, tmp);
    const db = new Database(tmp);
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    const copied = checkSqliteLog(tmp, 'the restored copy');
    if (!sameFigures(copied, held)) throw new CliError(`the restored copy ${tmp} does not hold what ${file} holds; nothing was restored`);
    fsyncFile(tmp);
    renameSync(tmp, log);
    fsyncDir(dataDir);
  } catch (e) {
    for (const suffix of companions) rmSync(`${tmp}${suffix}`, { force: true });
    if (movedAside !== undefined) {
      for (const suffix of companions) if (existsSync(`${movedAside}${suffix}`)) renameSync(`${movedAside}${suffix}`, `${log}${suffix}`);
    }
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot restore into ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  // The state snapshot is a cache of the OLD log: the server rebuilds the state from the restored one.
  const stale = ['state.snapshot', 'state.snapshot.tmp'].filter((f) => existsSync(join(dataDir, f)));
  for (const f of stale) rmSync(join(dataDir, f), { force: true });

  console.log(`restored ${file}`);
  console.log(`  into:        ${log}`);
  for (const line of figuresLines(held)) console.log(line);
  console.log('  integrity:   ok (PRAGMA integrity_check)');
  if (movedAside !== undefined) console.log(`  old log:     moved aside to ${movedAside}`);
  if (stale.length > 0) console.log(`  removed:     ${stale.join(', ')} (a cache of the old log)`);
  console.log('Next: start the server on this data dir, with the same CONFIG as before (users and gate keys are in the');
  console.log('config file, not in the backup):');
  console.log(`  DATA_DIR=${dataDir} npm run serve`);
}

async function restorePostgres(file: string, url: string, force: boolean): Promise<void> {
  const conn = pgToolConnection(url);
  const restore = pgTool('pg_restore');
  const list = await runTool(restore, ['--list', file], conn.env);
  if (list.code !== 0) throw new CliError(`pg_restore cannot read ${file}: ${list.stderr.trim()}`);
  if (!/ TABLE DATA \S+ events /.test(list.stdout)) {
    throw new CliError(`${file} is a PostgreSQL dump but not of a Cửa khẩu số database (it has no events table)`);
  }

  const before = await pgFigures(url);
  const holds = before.events + before.notices + before.audit;
  if (holds > 0 && !force) {
    throw new CliError(
      `${redactUrl(url)} is not empty: it holds ${plural(before.events, 'event')}, ${plural(before.notices, 'notice')}, ` +
        `${plural(before.audit, 'audit entry', 'audit entries')}; restore refuses to overwrite it.\n` +
        'Restore into a new, empty database (createdb), or stop every node using it and run again with --force: ' +
        'its tables are then dropped and made again from the dump.',
    );
  }
  if (before.otherSessions > 0 && !force) {
    throw new CliError(
      `${plural(before.otherSessions, 'other session is', 'other sessions are')} connected to ${redactUrl(url)}: are nodes still running on it? ` +
        'Stop them first (or run again with --force).',
    );
  }
  // A database a node has started on has the tables already (empty): they are dropped and made again.
  const clean = before.hasEvents ? ['--clean', '--if-exists'] : [];
  const args = ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', ...clean, `--dbname=${conn.url}`, file];
  const run = await runTool(restore, args, conn.env, { echoStderr: true });
  if (run.code !== 0) {
    throw new CliError(
      `pg_restore failed (exit code ${run.code}); nothing was restored (one transaction)${run.stderr.trim() === '' ? '' : `: ${run.stderr.trim()}`}`,
    );
  }
  const after = await pgFigures(url);
  console.log(`restored ${file}`);
  console.log(`  into:        ${redactUrl(url)}${clean.length > 0 ? ' (its tables dropped and made again: --clean)' : ''}`);
  console.log(`  events:      ${formatCount(after.events)} (highest seq ${formatCount(after.highestSeq)})`);
  console.log(`  also:        ${plural(after.notices, 'notice')}, ${plural(after.audit, 'audit entry', 'audit entries')}`);
  console.log('Next: start every node with this database as DATABASE_URL (password included), and the same CONFIG and');
  console.log('SESSION_SECRET as before:');
  console.log(`  DATABASE_URL='${redactUrl(url)}' npm run serve`);
  console.log("Each node's DATA_DIR/state.snapshot is only a cache: a node checks it against the restored log and ignores it when it does not match.");
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) throw new CliError(`give one backup file\n${USAGE}`);
  const file = resolve(given);
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
  const kind = fileKind(file);
  if (kind === 'other') {
    throw new CliError(`${file} is not a backup made by npm run backup (neither an SQLite event log nor a pg_dump custom-format file)`);
  }
  const target = targetOf({ dataDir: values['data-dir'], databaseUrl: values['database-url'] }, (d) => resolve(d));
  if (kind === 'sqlite' && target.kind === 'postgres') {
    throw new CliError(`${file} is an SQLite backup (the embedded store); restore it into a data dir: --data-dir DIR`);
  }
  if (kind === 'pg-dump' && target.kind === 'sqlite') {
    throw new CliError(`${file} is a PostgreSQL dump; restore it into an empty database: --database-url postgres://USER@HOST/DATABASE`);
  }
  if (target.kind === 'sqlite') await restoreSqlite(file, target.dataDir, values.force);
  else await restorePostgres(file, target.url, values.force);
});
