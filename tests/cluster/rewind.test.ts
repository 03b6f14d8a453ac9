import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.ts';
import { until } from '../helpers/people.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { demoConfig, demoKeys, ndjson, postEvents } from '../helpers/test-server.ts';
import { at, declared } from '../helpers/truck-events.ts';

// A database that goes back in time behind a node (restored from a backup, or a failover to a standby
// that had not received the last commits): the node must not go on serving and deciding on events the
// database no longer holds. It stops (main.ts exits; the service manager restarts it from the database).

describe('a journal that goes back behind a node (PostgreSQL)', () => {
  it('is noticed within a second or two and the node is told to restart', { timeout: 30_000 }, async () => {
    const databaseUrl = await freshDatabaseUrl();
    const dataDir = mkdtempSync(join(tmpdir(), 'cks-rewind-'));
    const rewound: Error[] = [];
    const server = await startServer({
      config: demoConfig(),
      dataDir,
      databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: pino({ level: 'silent' }),
      onJournalRewound: (e) => void rewound.push(e),
    });
    try {
      const key = demoKeys()['huu-nghi'] ?? '';
      const events = [declared('RW-1', at('2022-01-10 08:00')), declared('RW-2', at('2022-01-10 09:00'))];
      expect((await postEvents(server.url, key, ndjson(events))).json).toMatchObject({ accepted: 2 });
      expect(rewound).toEqual([]);
      // What a lossy failover looks like from here: the last commit is gone.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)');
      await client.end();
      await until(() => rewound.length > 0, 5_000);
      expect(rewound[0]?.message).toMatch(/journal ends at 1 but this node applied up to 2/);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
