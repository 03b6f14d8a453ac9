import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import type { TestServer } from './test-server.ts';

// What a test server's store holds, read behind its back (a second connection): the events table in
// journal order, from the SQLite file or the PostgreSQL database, whichever the server runs on.

export interface EventRow {
  event_id: string;
  type: string;
  gate_id: string;
  body: string;
}

export async function storedEvents(server: Pick<TestServer, 'store' | 'dataDir' | 'databaseUrl'>): Promise<EventRow[]> {
  const sql = 'SELECT event_id, type, gate_id, body FROM events ORDER BY seq';
  if (server.store === 'sqlite') {
    const db = new Database(join(server.dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], EventRow>(sql).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query<EventRow>(sql)).rows;
  } finally {
    await client.end();
  }
}
