import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { LOG_REDACT } from '../../server/security/log-redact.ts';
import { startServer } from '../../server/start.ts';
import { api, connectConsole, login, until, type Console } from '../helpers/people.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Operability: GET /metrics (Prometheus text) counts what gates were told, times batches, shows
// queues and live clients by role; every request log line carries its request id and no secret.

const keys = demoKeys();
const key = keys['huu-nghi'] ?? '';
const Users = z.object({ users: z.array(z.object({ username: z.string(), password: z.string() })) });
const PASSWORD = Users.parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8'))).users.find((u) => u.username === 'sct.vanhanh')?.password ?? '';

describe('metrics and logs', () => {
  let server: TestServer;
  const lines: string[] = [];
  const consoles: Console[] = [];
  let operatorToken = '';
  beforeAll(async () => {
    const logger = pino({ level: 'info', redact: LOG_REDACT }, { write: (line: string) => void lines.push(line) });
    server = await startTestServer({ logger, clock: { now: () => at('2022-01-10 14:00') } });
    const t = at('2022-01-10 08:00');
    await postEvents(server.url, key, ndjson([declared('M-1', t), declared('M-2', t), lifecycle('arrived', 'M-1', t + 60_000), '{broken', declared('M-3', t, { gateId: 'tan-thanh' })]));
    await postEvents(server.url, key, ndjson([declared('M-1', t), lifecycle('arrived', 'M-9', t), declared('M-4', t, { gateId: 'lao-cai' })]));
    await postEvents(server.url, 'not-a-key', ndjson([]));
    operatorToken = await login(server.url, 'sct.vanhanh');
    await api(server.url, 'POST', '/auth/login', undefined, { username: 'sct.vanhanh', password: `${PASSWORD}-wrong` });
    consoles.push(await connectConsole(server.url));
    consoles.push(await connectConsole(server.url));
    consoles.push(await connectConsole(server.url, operatorToken));
    consoles.push(await connectConsole(server.url, await login(server.url, 'hq.huunghi')));
    consoles.push(await connectConsole(server.url, await login(server.url, 'dn.hoaquaxanh')));
    await api(server.url, 'GET', '/declarations/M-1', operatorToken);
  });
  afterAll(async () => {
    consoles.forEach((c) => c.socket.close());
    await server.stop();
  });

  const scrape = async (): Promise<string> => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const value = (text: string, series: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts ingest results exactly as the gates were told, and times each batch', async () => {
    const m = await scrape();
    expect(value(m, 'cks_ingest_events_total{result="accepted"}')).toBe(3);
    expect(value(m, 'cks_ingest_events_total{result="duplicate"}')).toBe(1);
    expect(value(m, 'cks_ingest_events_total{result="invalid"}')).toBe(1);
    expect(value(m, 'cks_ingest_events_total{result="forbidden"}')).toBe(1);
    expect(value(m, 'cks_ingest_events_total{result="unknown_declaration"}')).toBe(1);
    expect(value(m, 'cks_ingest_events_total{result="unknown_gate"}')).toBe(1);
    expect(value(m, 'cks_ingest_events_total{result="conflict"}')).toBe(0);
    expect(value(m, 'cks_ingest_events_total{result="not_receiving"}')).toBe(0);
    expect(value(m, 'cks_ingest_requests_total{status="200"}')).toBe(2);
    expect(value(m, 'cks_ingest_requests_total{status="401"}')).toBe(1);
    expect(value(m, 'cks_ingest_batch_duration_seconds_count')).toBe(2);
    expect(value(m, 'cks_ingest_batch_duration_seconds_bucket{le="+Inf"}')).toBe(2);
  });

  it('shows queues per gate and direction, as GET /gates does', async () => {
    const m = await scrape();
    const gates = GatesResponse.parse(await (await fetch(`${server.url}/api/v1/gates`)).json()).gates;
    for (const g of gates) {
      for (const d of ['export', 'import'] as const) {
        expect(value(m, `cks_gate_queue_length{gate="${g.id}",direction="${d}"}`)).toBe(g.queue[d]);
        expect(value(m, `cks_gate_expected{gate="${g.id}",direction="${d}"}`)).toBe(g.expected[d]);
      }
    }
    expect(value(m, 'cks_gate_queue_length{gate="huu-nghi",direction="export"}')).toBe(1);
  });

  it('counts live clients by role, and follows them leaving', async () => {
    let m = await scrape();
    expect(value(m, 'cks_live_sockets{role="public"}')).toBe(2);
    expect(value(m, 'cks_live_sockets{role="operator"}')).toBe(1);
    expect(value(m, 'cks_live_sockets{role="border_force"}')).toBe(1);
    expect(value(m, 'cks_live_sockets{role="enterprise"}')).toBe(1);
    consoles[0]?.socket.close();
    for (let i = 0; i < 50 && value(m, 'cks_live_sockets{role="public"}') !== 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      m = await scrape();
    }
    expect(value(m, 'cks_live_sockets{role="public"}')).toBe(1);
  });

  it('includes the default process metrics', async () => {
    const m = await scrape();
    expect(m).toContain('process_cpu_user_seconds_total');
    expect(m).toContain('process_resident_memory_bytes');
    expect(m).toContain('nodejs_eventloop_lag_seconds');
  });

  it('logs one line per request with its request id, and never a key, password or token', async () => {
    const res = await fetch(`${server.url}/api/v1/gates`);
    const reqId = res.headers.get('x-request-id');
    await until(() => lines.some((l) => reqId !== null && l.includes(reqId)));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(10);
    for (const l of requests) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.some((l) => l.reqId === reqId && l.path === '/api/v1/gates' && l.status === 200)).toBe(true);
    for (const l of parsed.filter((x) => x.msg === 'events batch')) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    const all = lines.join('\n');
    for (const secret of [key, keys['tan-thanh'] ?? '', PASSWORD, operatorToken]) {
      expect(secret.length).toBeGreaterThan(0);
      expect(all).not.toContain(secret);
    }
  });
});

describe('metrics token', () => {
  it('GET /metrics wants the token when one is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cks-metrics-'));
    const server = await startServer({ config: demoConfig(), dataDir, port: 0, host: '127.0.0.1', metricsToken: 'scrape-me-please' });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('cks_ingest_events_total');
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
