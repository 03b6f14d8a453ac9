import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/notify/signature.ts';
import type { Config } from '../../shared/config.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { DeliveryList, WebhookCreated, WebhookList, WebhookPayload } from '../../shared/notifications.ts';
import { api, login, until } from '../helpers/people.ts';
import { ENTERPRISE_A, eventsAt, NOW } from '../helpers/people-seed.ts';
import { iso } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, STORES, type StoreKind, type TestServer } from '../helpers/test-server.ts';

// Webhooks against the real server and a real receiver on 127.0.0.1: signed deliveries, retries with
// backoff, a restart with deliveries still owed, a dead endpoint that must not slow ingest, and SSRF.

interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}
/** A receiver answering each request with the next status of `statuses` (then the last one). */
async function receiver(statuses: number[] = [204], port = 0): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ at: Date.now(), headers: req.headers, body });
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)] ?? 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, close: () => closeServer(server) };
}
const closeServer = (server: Server): Promise<void> => new Promise((r) => server.close(() => r()));

const fastRetries = (over: Partial<Config['notifications']['webhooks']> = {}): Config => {
  const config = demoConfig();
  config.notifications.webhooks = { ...config.notifications.webhooks, pollMs: 50, retryBaseMs: 300, retryMaxMs: 5_000, timeoutMs: 1_000, ...over };
  return config;
};
const clearHn1: TruckEvent = { eventId: 'HN-1-cleared', type: 'cleared', declarationId: 'HN-1', gateId: 'huu-nghi', occurredAt: iso(NOW - 1_000) };

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function start(store: StoreKind, config: Config, more: { dataDir?: string; databaseUrl?: string } = {}): Promise<TestServer> {
  const server = await startTestServer({ store, clock: { now: () => NOW }, config, ...more });
  servers.push(server);
  return server;
}
async function register(server: TestServer, url: string, user = 'dn.hoaquaxanh'): Promise<{ token: string; hook: WebhookCreated }> {
  const token = await login(server.url, user);
  const res = await api(server.url, 'POST', '/webhooks', token, { url });
  expect(res.status).toBe(201);
  return { token, hook: WebhookCreated.parse(res.json) };
}
const deliveries = async (server: TestServer, token: string, id: string): Promise<DeliveryList['deliveries']> =>
  DeliveryList.parse((await api(server.url, 'GET', `/webhooks/${id}/deliveries`, token)).json).deliveries;
/** The delivery log once `ready` holds of it (or as it is after ~5 s). */
async function logWhen(server: TestServer, token: string, id: string, ready: (log: DeliveryList['deliveries']) => boolean): Promise<DeliveryList['deliveries']> {
  let log = await deliveries(server, token, id);
  for (let i = 0; i < 100 && !ready(log); i++) {
    await new Promise((r) => setTimeout(r, 50));
    log = await deliveries(server, token, id);
  }
  return log;
}
/** The gate's own trucks, stored with their notifications (HN-3's clearance) before any webhook exists. */
async function seed(server: TestServer): Promise<void> {
  await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(eventsAt('huu-nghi')));
  await server.app.notifier.flush();
}

describe.each(STORES)('webhooks (%s)', (store) => {
  it('delivers a signed JSON {id, type, occurredAt, data} the receiver can verify; the secret is shown once', async () => {
    const sink = await receiver();
    try {
      const server = await start(store, fastRetries());
      await seed(server);
      const { token, hook } = await register(server, sink.url);
      expect(hook.secret).toMatch(/^whsec_/);
      const listed = WebhookList.parse((await api(server.url, 'GET', '/webhooks', token)).json);
      expect(JSON.stringify(listed)).not.toContain(hook.secret);
      await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([clearHn1]));
      await until(() => sink.got.length > 0, 5_000);
      const [got] = sink.got;
      if (!got) throw new Error('nothing received');
      const payload = WebhookPayload.parse(JSON.parse(got.body));
      expect(payload).toMatchObject({ id: 'truck_cleared:HN-1', type: 'truck_cleared', data: { declarationId: 'HN-1', plate: '12C-111.11' } });
      expect(got.headers['x-cks-id']).toBe('truck_cleared:HN-1');
      const ts = String(got.headers['x-cks-timestamp']);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifySignature(hook.secret, ts, got.body, String(got.headers['x-cks-signature']))).toBe(true);
      expect(verifySignature('whsec_wrong', ts, got.body, String(got.headers['x-cks-signature']))).toBe(false);
      const log = await logWhen(server, token, hook.id, (l) => l[0]?.state === 'delivered');
      expect(log).toEqual([expect.objectContaining({ eventId: 'truck_cleared:HN-1', state: 'delivered', attempts: 1, lastStatus: 204 })]);
      // Another enterprise's webhook does not exist for B; a force may not use webhooks at all.
      const other = await login(server.url, 'dn.vantaibactrung');
      expect((await api(server.url, 'GET', `/webhooks/${hook.id}/deliveries`, other)).status).toBe(404);
      expect((await api(server.url, 'DELETE', `/webhooks/${hook.id}`, other)).status).toBe(404);
      expect((await api(server.url, 'GET', '/webhooks', await login(server.url, 'bp.huunghi'))).status).toBe(403);
      expect(sink.got.some((r) => r.body.includes('HN-5'))).toBe(false);
    } finally {
      await sink.close();
    }
  });

  it('a gate system registers with its API key and hears of the notices at its gate, signed; no one else sees its webhook', async () => {
    const sink = await receiver();
    try {
      const server = await start(store, fastRetries());
      await seed(server);
      const key = demoKeys()['huu-nghi'];
      const res = await api(server.url, 'POST', '/webhooks', key, { url: sink.url });
      expect(res.status).toBe(201);
      const hook = WebhookCreated.parse(res.json);
      const operator = await login(server.url, 'sct.vanhanh');
      const issued = await api(server.url, 'POST', '/notices', operator, { gateIds: ['huu-nghi'], direction: 'export', effectiveFrom: iso(NOW - 1_000), reason: { vi: 'Tạm dừng' } });
      expect(issued.status).toBe(201);
      const noticeId = (issued.json as { id: string }).id;
      await server.app.notifier.flush();
      await until(() => sink.got.some((g) => g.headers['x-cks-id'] === `notice_started:${noticeId}:gate:huu-nghi`), 10_000);
      const got = sink.got.find((g) => g.headers['x-cks-id'] === `notice_started:${noticeId}:gate:huu-nghi`);
      if (!got) throw new Error('nothing received');
      expect(WebhookPayload.parse(JSON.parse(got.body))).toMatchObject({ type: 'notice_started', data: { noticeId, gateIds: ['huu-nghi'], direction: 'export' } });
      expect(verifySignature(hook.secret, String(got.headers['x-cks-timestamp']), got.body, String(got.headers['x-cks-signature']))).toBe(true);
      // Only notices reach a gate system, never an enterprise's truck news.
      expect(sink.got.every((g) => String(g.headers['x-cks-id']).startsWith('notice_'))).toBe(true);
      expect(WebhookList.parse((await api(server.url, 'GET', '/webhooks', key)).json).webhooks.map((w) => w.id)).toEqual([hook.id]);
      // Another gate's key and an enterprise do not see it; an unknown key is not a user.
      expect((await api(server.url, 'GET', `/webhooks/${hook.id}/deliveries`, demoKeys()['tan-thanh'])).status).toBe(404);
      expect((await api(server.url, 'DELETE', `/webhooks/${hook.id}`, await login(server.url, 'dn.hoaquaxanh'))).status).toBe(404);
      expect((await api(server.url, 'GET', '/webhooks', 'not-a-key')).status).toBe(401);
      const audit = (await api(server.url, 'GET', '/audit?action=webhook_added', operator)).json as { entries: { actor: string; target?: string }[] };
      expect(audit.entries[0]).toMatchObject({ actor: 'gate:huu-nghi', target: hook.id });
    } finally {
      await sink.close();
    }
  });

  it('retries 5xx with growing, jittered delays, then delivers once', async () => {
    const sink = await receiver([500, 503, 200]);
    try {
      const base = 300;
      const server = await start(store, fastRetries({ retryBaseMs: base }));
      const { token, hook } = await register(server, sink.url);
      expect((await api(server.url, 'POST', `/webhooks/${hook.id}/test`, token)).status).toBe(202);
      await until(() => sink.got.length >= 3, 8_000);
      const [first, second, third] = sink.got.map((r) => r.at);
      const gap1 = (second ?? 0) - (first ?? 0);
      const gap2 = (third ?? 0) - (second ?? 0);
      // After n failures the wait is base·2^(n−1)·[½, 1): ≥ 150 ms, then ≥ 300 ms (plus the poll).
      expect(gap1).toBeGreaterThanOrEqual(base / 2 - 20);
      expect(gap2).toBeGreaterThanOrEqual(base - 20);
      expect(new Set(sink.got.map((r) => r.headers['x-cks-id'])).size).toBe(1);
      const log = await logWhen(server, token, hook.id, (l) => l[0]?.state === 'delivered');
      expect(log[0]).toMatchObject({ type: 'ping', state: 'delivered', attempts: 3, lastStatus: 200 });
      await new Promise((r) => setTimeout(r, 400));
      expect(sink.got).toHaveLength(3);
    } finally {
      await sink.close();
    }
  });

  it('delivers what it still owed after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cks-webhook-restart-'));
    dirs.push(dataDir);
    // A port that refuses now and answers after the restart.
    const probe = await receiver();
    const url = probe.url;
    const port = Number(new URL(url).port);
    await probe.close();
    let server = await start(store, fastRetries({ retryBaseMs: 200, retryMaxMs: 400 }), { dataDir });
    await seed(server);
    const { token, hook } = await register(server, url);
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson([clearHn1]));
    const log = await logWhen(server, token, hook.id, (l) => (l[0]?.attempts ?? 0) >= 1);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventId: 'truck_cleared:HN-1', state: 'pending' });
    expect(log[0]?.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    const databaseUrl = server.databaseUrl;
    await servers.splice(servers.indexOf(server), 1)[0]?.stop();

    const sink = await receiver([204], port);
    try {
      server = await start(store, fastRetries({ retryBaseMs: 200, retryMaxMs: 400 }), { dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
      await until(() => sink.got.length > 0, 5_000);
      expect(JSON.parse(sink.got[0]?.body ?? '{}')).toMatchObject({ id: 'truck_cleared:HN-1' });
      const token2 = await login(server.url, 'dn.hoaquaxanh');
      const after = await logWhen(server, token2, hook.id, (l) => l[0]?.state === 'delivered');
      expect(after[0]).toMatchObject({ state: 'delivered' });
    } finally {
      await sink.close();
    }
  });
});

/** `trucks` trucks of enterprise A at Hữu Nghị: declared, arrived, cleared — 3 events each, all cleared (a notification each). */
function traffic(trucks: number, tag: string): TruckEvent[] {
  return Array.from({ length: trucks }, (_, i): TruckEvent[] => {
    const id = `${tag}-${i}`;
    const t = NOW - 3_600_000 + i;
    return [
      { eventId: `${id}-d`, type: 'declared', declarationId: id, gateId: 'huu-nghi', occurredAt: iso(t - 7_200_000), direction: 'export', vehicle: { plate: `12C-${String(i).padStart(5, '0')}`, country: 'VN' }, enterprise: ENTERPRISE_A, cargo: { description: 'vải', category: 'agricultural', weightKg: 1000, valueUsd: 10, localGoods: false } },
      { eventId: `${id}-a`, type: 'arrived', declarationId: id, gateId: 'huu-nghi', occurredAt: iso(t - 3_600_000) },
      { eventId: `${id}-c`, type: 'cleared', declarationId: id, gateId: 'huu-nghi', occurredAt: iso(t) },
    ];
  }).flat();
}

describe('a dead endpoint never slows ingest (sqlite)', () => {
  it('ingests 20k events about as fast with a webhook that never answers as with none', async () => {
    // Accepts connections and never answers: every attempt holds a slot until its time-out.
    const held: Socket[] = [];
    const blackHole = createServer(() => undefined);
    blackHole.on('connection', (s) => held.push(s));
    await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}/hook`;
    const ingest = async (server: TestServer, events: TruckEvent[]): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < events.length; i += 5_000) {
        const res = await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(events.slice(i, i + 5_000)));
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ rejected: [] });
      }
      return performance.now() - started;
    };
    try {
      const config = fastRetries({ timeoutMs: 2_000, retryBaseMs: 100 });
      const plain = await start('sqlite', config);
      const withoutMs = await ingest(plain, traffic(6_667, 'p'));
      const hooked = await start('sqlite', config);
      const { token, hook } = await register(hooked, deadUrl);
      const withMs = await ingest(hooked, traffic(6_667, 'w'));
      await hooked.app.notifier.flush();
      await until(() => held.length > 0, 5_000);
      console.info(`ingest of 20,001 events: ${Math.round(withoutMs)} ms without webhooks, ${Math.round(withMs)} ms with a dead one`);
      // A generous bound (CI machines vary); a delivery path on the ingest path would take minutes here.
      expect(withMs).toBeLessThan(withoutMs * 2.5 + 2_000);
      const log = await deliveries(hooked, token, hook.id);
      expect(log.length).toBe(100); // the log's page: thousands are owed
      expect(log.every((d) => d.state === 'pending')).toBe(true);
      // Ingest still answers at once while every delivery slot hangs.
      const t = performance.now();
      expect((await postEvents(hooked.url, demoKeys()['huu-nghi'], ndjson(traffic(10, 'late')))).status).toBe(200);
      expect(performance.now() - t).toBeLessThan(1_500);
    } finally {
      held.forEach((s) => s.destroy());
      await closeServer(blackHole);
    }
  }, 120_000);

  it('refuses webhook URLs on private addresses unless the config allows them, and non-http(s) URLs always', async () => {
    const config = demoConfig();
    config.notifications.webhooks.allowPrivateAddresses = false;
    const server = await start('sqlite', config);
    const token = await login(server.url, 'dn.hoaquaxanh');
    for (const url of ['http://127.0.0.1:8080/hook', 'http://10.0.0.5/hook', 'http://[::1]/hook', 'http://localhost/x', 'http://169.254.169.254/latest', 'ftp://example.com/x']) {
      const res = await api(server.url, 'POST', '/webhooks', token, { url });
      expect(res.status, url).toBe(400);
    }
    expect((await api(server.url, 'POST', '/webhooks', token, { url: 'http://user:pw@203.0.113.7/x' })).status).toBe(400);
    expect((await api(server.url, 'POST', '/webhooks', token, { url: 'https://203.0.113.7/hook' })).status).toBe(201);
  });
});
