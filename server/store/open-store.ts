import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

// Which store a node uses (CONTRACT §8): PostgreSQL when DATABASE_URL names one — every node given the
// same URL is one deployment — otherwise the embedded SQLite file DATA_DIR/events.db. In both cases
// DATA_DIR keeps this node's own cache (the state snapshot).

export async function openStore(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Store> {
  const url = opts.databaseUrl;
  if (url === undefined || url === '') return openSqliteStore(join(opts.dataDir, 'events.db'));
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  // Loaded only when asked for: a node on the embedded store never loads the PostgreSQL driver.
  const { openPostgresStore } = await import('./postgres-store.ts');
  return openPostgresStore(url, { dataDir: opts.dataDir });
}
