import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import pg from 'pg';
import { freePort } from './server-process.ts';

// A throwaway PostgreSQL 15 for tests and benches: initdb into a fresh temp dir (trust auth, user
// postgres, UTF8), pg_ctl start on a free loopback port, pg_ctl stop and delete the dir at the end. Debian's
// server binaries (/usr/lib/postgresql/15/bin; PG_BIN overrides; scripts/ensure-postgres.mjs installs
// them). PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the `postgres` OS user.
// One server serves a whole vitest run (tests/global-setup-postgres.ts); each test file takes fresh
// databases of it with freshDatabaseUrl().

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL (database `postgres`) of the run's PostgreSQL, from tests/global-setup-postgres.ts. */
    postgresUrl: string;
  }
}

export interface TestPostgres {
  /** URL of a database on this server (default `postgres`), user postgres, no password. */
  url(db?: string): string;
  /** CREATE DATABASE (a unique name unless given); its URL. */
  createDatabase(name?: string): Promise<string>;
  /** pg_ctl stop -m fast and delete the data dir (again: nothing). */
  stop(): Promise<void>;
  port: number;
  /** The cluster's data directory. */
  dataDir: string;
}

const binDir = (): string => process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = (): boolean => process.getuid?.() === 0;

/** Run a PostgreSQL server binary (as the postgres user when we are root); reject with its output. */
function runPg(tool: string, args: readonly string[], cwd: string): Promise<void> {
  const bin = join(binDir(), tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}


const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * CREATE DATABASE through the admin URL. FILE_COPY copies template1's files (≈ 25 ms) instead of writing
 * them all through the WAL (≈ 70 ms); its checkpoints cost nothing with fsync off, which is why it is
 * taken only then.
 */
async function createDb(adminUrl: string, name: string, fileCopy: boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}${fileCopy ? ' STRATEGY = FILE_COPY' : ''}`);
  } finally {
    await admin.end();
  }
}

let databases = 0;
/** Unique in the run: worker processes differ by pid, worker threads by threadId. */
const uniqueName = (): string => `t_${process.pid}_${threadId}_${++databases}`;

export async function startPostgres(opts: { fsync?: boolean } = {}): Promise<TestPostgres> {
  if (!existsSync(join(binDir(), 'initdb'))) {
    throw new Error(`PostgreSQL 15 server binaries are missing in ${binDir()}: run node scripts/ensure-postgres.mjs (or set PG_BIN)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cks-pg-'));
  if (isRoot()) {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const dataDir = join(dir, 'data');
  let stopped = false;
  // A runner that dies without its teardown must not leave a server running.
  const onExit = (): void => {
    try {
      execFileSync(isRoot() ? 'runuser' : join(binDir(), 'pg_ctl'), [
        ...(isRoot() ? ['-u', 'postgres', '--', join(binDir(), 'pg_ctl')] : []),
        'stop', '-D', dataDir, '-m', 'immediate',
      ], { cwd: dir, stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runPg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'], dir);
    const durability = opts.fsync === true ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
    let port = 0;
    for (let tries = 1; ; tries++) {
      port = await freePort();
      const settings = [`-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${dir}`, '-c max_connections=200', ...durability];
      try {
        await runPg('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', join(dir, 'server.log'), '-o', settings.join(' ')], dir);
        break;
      } catch (e) {
        // Another process may have taken the port between freePort() and the server binding it.
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        if (tries >= 3 || !/could not bind|Address already in use/.test(log)) throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log}`);
      }
    }
    process.once('exit', onExit);
    const url = (db = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
    return {
      url,
      port,
      dataDir,
      async createDatabase(name = uniqueName()) {
        await createDb(url(), name, opts.fsync !== true);
        return url(encodeURIComponent(name));
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', onExit);
        try {
          await runPg('pg_ctl', ['stop', '-w', '-D', dataDir, '-m', 'fast'], dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    onExit();
    throw e;
  }
}

/**
 * A new, empty database on the run's PostgreSQL (tests/global-setup-postgres.ts), for the calling test
 * file; its URL. Each call makes another one.
 */
export async function freshDatabaseUrl(): Promise<string> {
  // Imported here, not at the top: scripts (bench-cluster, cluster) use startPostgres outside vitest.
  const { inject } = await import('vitest');
  const admin = inject('postgresUrl');
  if (typeof admin !== 'string' || admin === '') {
    throw new Error('no PostgreSQL for this run: vitest.config.ts must list tests/global-setup-postgres.ts in test.globalSetup');
  }
  const name = uniqueName();
  await createDb(admin, name, true); // the run's server has fsync off
  return admin.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
}
