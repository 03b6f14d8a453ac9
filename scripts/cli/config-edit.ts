import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { AuditAction } from '../../shared/audit.ts';
import { Config } from '../../shared/config.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { Store } from '../../server/store/store.ts';

// Shared by `npm run user` and `npm run key`: read the config file, change it, validate the result with
// the shared Config schema, write it atomically (tmp + rename), and append an audit entry to DATA_DIR.

export class CliError extends Error {}

/** The parts of the raw file we edit; everything else is kept as it is. */
export const RawConfig = z.looseObject({
  gates: z.array(z.looseObject({ id: z.string(), apiKeys: z.array(z.looseObject({ id: z.string() })).optional() })),
  users: z.array(z.looseObject({ username: z.string() })).optional(),
});
export type RawConfig = z.infer<typeof RawConfig>;

export const configPathOf = (flag: string | undefined): string => resolve(flag ?? process.env.CONFIG ?? 'fixtures/demo-config.json');
export const dataDirOf = (flag: string | undefined): string => resolve(flag ?? process.env.DATA_DIR ?? './data');

export function readRawConfig(path: string): RawConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const raw = RawConfig.safeParse(json);
  if (!raw.success) throw new CliError(`${path} is not a configuration file: ${raw.error.issues[0]?.message ?? 'invalid'}`);
  return raw.data;
}

/** Validate, then replace the file in one rename so a running server or a crash never sees half a file. */
export function writeConfig(path: string, next: RawConfig): void {
  const parsed = Config.safeParse(next);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CliError(`refusing to write an invalid configuration — ${issues}`);
  }
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}

/**
 * The store the servers use: PostgreSQL when DATABASE_URL (or `--database-url`) names one — every node
 * of the deployment then sees what the command writes — else DATA_DIR's SQLite file.
 */
export const openCliStore = (dataDir: string, databaseUrl = process.env.DATABASE_URL): Promise<Store> =>
  openStore({ databaseUrl: databaseUrl === '' ? undefined : databaseUrl, dataDir });

export async function auditCli(store: Store, action: AuditAction, target: string, detail: Record<string, unknown>): Promise<void> {
  await store.audit.append({ atMs: Date.now(), actor: `cli:${userInfo().username}`, action, target, detail, source: 'cli' });
}

/** Run `act` on the deployment's store, closed afterwards. */
export async function withCliStore<T>(dataDir: string, act: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCliStore(dataDir);
  try {
    return await act(store);
  } finally {
    await store.close();
  }
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (!(e instanceof CliError) && !(e instanceof TypeError)) throw e;
    console.error(`error: ${e.message}`);
    process.exitCode = 1;
  }
}
