import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveNotification } from '../../shared/live.ts';
import { Notice } from '../../shared/notices.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { ENTERPRISE_A, eventsAt, NOW } from '../helpers/people-seed.ts';
import { iso } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';

// Two nodes on one PostgreSQL run the same rules on the same journal: a notification is stored once
// (whichever node inserts first), its webhook delivery is owed once, and the enterprise's consoles on
// both nodes hear it.

describe('notifications on two nodes sharing PostgreSQL', () => {
  const nodes: TestServer[] = [];
  const consoles: Console[] = [];
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('creates one notification and one delivery, heard on both nodes', async () => {
    const got: string[] = [];
    const sink = createServer((req, res) => {
      got.push(String(req.headers['x-cks-id']));
      req.resume();
      res.statusCode = 204;
      res.end();
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    try {
      const databaseUrl = await freshDatabaseUrl();
      const config = demoConfig();
      config.notifications.webhooks.pollMs = 50;
      // An attempt cut short on a starved machine (the suite runs many servers on 2 cores) is retried within
      // a second here, not after the production 10 s base: the test checks once-only delivery, not backoff.
      config.notifications.webhooks.retryBaseMs = 200;
      config.notifications.webhooks.retryMaxMs = 1_000;
      const start = async () => {
        const node = await startTestServer({ store: 'postgres', databaseUrl, clock: { now: () => NOW }, config });
        nodes.push(node);
        return node;
      };
      const [one, two] = [await start(), await start()];
      if (!one || !two) throw new Error('nodes');
      await postEvents(one.url, demoKeys()['huu-nghi'], ndjson(eventsAt('huu-nghi')));
      await Promise.all(nodes.map((n) => n.app.notifier.flush()));
      const registered = await api(one.url, 'POST', '/webhooks', await login(one.url, 'dn.hoaquaxanh'), { url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook` });
      expect(registered.status).toBe(201);

      const heard: LiveNotification[][] = [];
      for (const node of nodes) {
        const c = await connectConsole(node.url, await login(node.url, 'dn.hoaquaxanh'));
        consoles.push(c);
        const mine: LiveNotification[] = [];
        heard.push(mine);
        c.socket.on('notification', (m: unknown) => mine.push(LiveNotification.parse(m)));
      }
      const op = await login(two.url, 'sct.vanhanh');
      const issued = await api(two.url, 'POST', '/notices', op, { gateIds: ['huu-nghi'], direction: 'export', effectiveFrom: iso(NOW - 1_000), reason: { vi: 'Tạm dừng' } });
      const notice = Notice.parse(issued.json);
      const id = `notice_started:${notice.id}:${ENTERPRISE_A.taxCode}`;
      // Both nodes follow the journal and make the same notification; each pushes it to its own sockets.
      // Generous: a liveness check, not a speed one (the suite runs many servers on 2 cores).
      // On a timeout, say what each node's console heard and whether it is still connected (it does not reconnect).
      await until(() => heard.every((h) => h.some((n) => n.id === id)), 20_000).catch((e: unknown) => {
        const seen = heard.map((h, i) => `node ${i + 1}: connected ${String(consoles[i]?.socket.connected)}, heard [${h.map((n) => n.id).join(', ')}]`);
        throw new Error(`${e instanceof Error ? e.message : String(e)} waiting for ${id} — ${seen.join('; ')}`);
      });
      await Promise.all(nodes.map((n) => n.app.notifier.flush()));
      await until(() => got.includes(id), 20_000).catch(async (e: unknown) => {
        // Say where the delivery stands: no outbox row, or a row with its attempts and last error.
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const rows = await client.query('SELECT state, attempts, last_status, last_error, next_at_ms FROM webhook_outbox WHERE event_id = $1', [id]).finally(() => client.end());
        throw new Error(`${e instanceof Error ? e.message : String(e)} waiting for the webhook of ${id}; sink got [${got.join(', ')}]; outbox ${JSON.stringify(rows.rows)}`);
      });
      await new Promise((r) => setTimeout(r, 500));

      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const rows = await client.query<{ id: string }>("SELECT id FROM notifications WHERE kind = 'notice_started' ORDER BY id");
        // One per enterprise and one for the gate's system, not one per node.
        expect(rows.rows.map((r) => r.id).sort()).toEqual([`notice_started:${notice.id}:0109876543-001`, id, `notice_started:${notice.id}:gate:huu-nghi`].sort());
        const box = await client.query<{ n: string }>('SELECT count(*) AS n FROM webhook_outbox WHERE event_id = $1', [id]);
        expect(Number(box.rows[0]?.n)).toBe(1);
      } finally {
        await client.end();
      }
      expect(got.filter((g) => g === id)).toHaveLength(1);
      expect(heard.map((h) => h.filter((n) => n.id === id).length)).toEqual([1, 1]);
    } finally {
      await new Promise<void>((r) => sink.close(() => r()));
    }
  }, 60_000);
});
