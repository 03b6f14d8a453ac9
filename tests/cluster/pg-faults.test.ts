import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { at, declared } from '../helpers/truck-events.ts';

// A PostgreSQL that cannot take writes (read-only, as during a failover or a full disk's emergency mode)
// or drops every connection (a restart): ingest answers 503 `unavailable` with the cause, nothing of the
// batch is applied, reads go on, and writes work again by themselves once the database does.

const key = demoKeys()['huu-nghi'] ?? '';
const admin = async (databaseUrl: string, sql: string): Promise<void> => {
  const url = new URL(databaseUrl);
  const db = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql.replaceAll('$DB', `"${db.replaceAll('"', '""')}"`).replaceAll('$NAME', `'${db.replaceAll("'", "''")}'`));
  } finally {
    await client.end();
  }
};
/** Every session of the server's database ends (what a restart does to the nodes' connections). */
const dropConnections = (databaseUrl: string): Promise<void> =>
  admin(databaseUrl, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $NAME AND pid <> pg_backend_pid()');

describe('PostgreSQL faults answer 503 and heal (PostgreSQL)', () => {
  let server: TestServer;
  let databaseUrl = '';
  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    server = await startTestServer({ store: 'postgres', databaseUrl, clock: { now: () => at('2022-01-10 14:00') } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a read-only database: 503 unavailable naming it, nothing applied, reads go on; writable again: accepted', async () => {
    expect((await postEvents(server.url, key, ndjson([declared('PGF-1', at('2022-01-10 08:00'))]))).json).toMatchObject({ accepted: 1 });
    await admin(databaseUrl, 'ALTER DATABASE $DB SET default_transaction_read_only = on');
    await dropConnections(databaseUrl);
    const refused = await postEvents(server.url, key, ndjson([declared('PGF-2', at('2022-01-10 09:00'))]));
    expect(refused.status).toBe(503);
    const body = ErrorBody.parse(refused.json);
    expect(body.error).toBe('unavailable');
    expect(body.message).toMatch(/read-only \(25006\); nothing from this batch was stored/);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { events: number };
    expect(health.events).toBe(1);
    expect((await fetch(`${server.url}/api/v1/gates`)).status).toBe(200);

    await admin(databaseUrl, 'ALTER DATABASE $DB SET default_transaction_read_only = off');
    await dropConnections(databaseUrl);
    // The pool meets dead connections first (answered 503), then connects again: a gate's resend goes in.
    let result: { status: number; json: unknown } | undefined;
    for (let i = 0; i < 5 && result?.status !== 200; i++) result = await postEvents(server.url, key, ndjson([declared('PGF-2', at('2022-01-10 09:00'))]));
    expect(result?.json).toMatchObject({ accepted: 1 });
  });

  it('every connection dropped (a restart): the next writes reconnect, and the live follower comes back', async () => {
    await dropConnections(databaseUrl);
    let result: { status: number; json: unknown } | undefined;
    for (let i = 0; i < 5 && result?.status !== 200; i++) result = await postEvents(server.url, key, ndjson([declared('PGF-3', at('2022-01-10 10:00'))]));
    expect(result?.json).toMatchObject({ accepted: 1 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
