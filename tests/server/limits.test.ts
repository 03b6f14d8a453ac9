import { spawn } from 'node:child_process';
import { connect, type Socket as NetSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { ErrorBody } from '../../shared/errors.ts';
import { DEFAULT_LIMITS } from '../../server/http/guards/limits.ts';
import { envLimits, parseEnv } from '../../server/env.ts';
import { api, connectConsole } from '../helpers/people.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Limits (README "Limits"): 429 with Retry-After per gate key and per sign-in address, 408 for a body
// trickled in, a cap on live connections per address — each configurable, each with a clear message.

const keys = demoKeys();
let server: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server?.stop();
  server = undefined;
});

/** A raw HTTP exchange: write `head`, then `body` one byte every `gapMs`; resolve with what came back once closed. */
function trickle(url: string, head: string, body: string, gapMs: number): Promise<{ response: string; closedEarly: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket: NetSocket = connect(Number(port), hostname);
    let response = '';
    let sentAll = false;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => (response += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closedEarly: !sentAll });
    });
    socket.write(head);
    let i = 0;
    const next = (): void => {
      if (socket.destroyed) return;
      if (i >= body.length) return void (sentAll = true);
      socket.write(body[i++] ?? '');
      timer = setTimeout(next, gapMs);
    };
    next();
  });
}

const jsonOf = (raw: string): unknown => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

describe('rate limits', () => {
  it('429 with Retry-After once a gate key sends too many batches a minute; other keys go on', async () => {
    server = await startTestServer({ ingestPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await postEvents(server.url, keys['huu-nghi'], ndjson([]))).status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys['huu-nghi'] ?? ''}`, 'content-type': 'application/x-ndjson' },
      body: '',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBody.parse(await res.json())).toEqual({ error: 'rate_limited', message: 'too many requests; retry after a minute' });
    expect((await postEvents(server.url, keys['tan-thanh'], ndjson([]))).status).toBe(200);
  });

  it('429 with Retry-After after too many failed sign-ins from one address', async () => {
    server = await startTestServer({ loginLimit: { windowMs: 60_000, limit: 2 } });
    for (let i = 0; i < 2; i++) expect((await api(server.url, 'POST', '/auth/login', undefined, { username: 'sct.vanhanh', password: 'wrong' })).status).toBe(401);
    const res = await api(server.url, 'POST', '/auth/login', undefined, { username: 'sct.vanhanh', password: 'wrong' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBody.parse(res.json).error).toBe('rate_limited');
  });
});

describe('time-outs', () => {
  it('answers 408 JSON and closes when a body is trickled in byte by byte', { timeout: 30_000 }, async () => {
    server = await startTestServer({ limits: { bodyTimeoutMs: 600 } });
    const body = ndjson([{ eventId: 'slow' }]).repeat(20);
    const head = `POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keys['huu-nghi'] ?? ''}\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { response, closedEarly } = await trickle(server.url, head, body, 100);
    expect(closedEarly).toBe(true);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response.toLowerCase()).toContain('connection: close');
    const error = ErrorBody.parse(jsonOf(response));
    expect(error.error).toBe('request_timeout');
    expect(error.message).toMatch(/did not arrive within/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('closes a connection whose headers are trickled in', { timeout: 30_000 }, async () => {
    server = await startTestServer({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1_000 } });
    const head = 'GET /api/v1/gates HTTP/1.1\r\nHost: x\r\n' + 'X-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
    const { response, closedEarly } = await trickle(server.url, '', head, 50);
    expect(closedEarly).toBe(true);
    expect(response === '' || /^HTTP\/1\.1 408 /.test(response)).toBe(true);
  });

  it('does not cut a body that arrives in time', async () => {
    server = await startTestServer({ limits: { bodyTimeoutMs: 5_000 } });
    expect((await postEvents(server.url, keys['huu-nghi'], ndjson([]))).status).toBe(200);
  });
});

describe('live connections per address', () => {
  it('refuses the next connection with a message, and lets one in again when another leaves', async () => {
    server = await startTestServer({ limits: { socketsPerIp: 3 } });
    const consoles = await Promise.all([0, 1, 2].map(() => connectConsole(server?.url ?? '')));
    sockets.push(...consoles.map((c) => c.socket));
    await expect(connectConsole(server.url)).rejects.toThrow(/too many live connections from this address \(at most 3\)/);
    consoles[0]?.socket.close();
    const url = server.url;
    let again: Awaited<ReturnType<typeof connectConsole>> | undefined;
    // The server sees the close a moment later; retry until it has.
    for (let i = 0; i < 50 && !again; i++) {
      again = await connectConsole(url).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    expect(again?.snapshots).toHaveLength(1);
    if (again) sockets.push(again.socket);
    const extra = io(url, { transports: ['websocket'], reconnection: false });
    sockets.push(extra);
    await expect(new Promise((_, reject) => extra.once('connect_error', reject))).rejects.toThrow(/too many live connections/);
  });
});

describe('configuration', () => {
  it('reads limits from the environment, and names a bad one', () => {
    const env = parseEnv({ SOCKETS_PER_IP: '10', BODY_TIMEOUT_MS: '30000', OTHER: 'x' });
    expect(env.ok && envLimits(env.env)).toEqual({ socketsPerIp: 10, bodyTimeoutMs: 30_000 });
    const bad = parseEnv({ SOCKETS_PER_IP: 'lots', PORT: '70000', INGEST_PER_MINUTE: 'off' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/SOCKETS_PER_IP=lots/);
    expect(!bad.ok && bad.message).toMatch(/PORT=70000/);
    const off = parseEnv({ INGEST_PER_MINUTE: 'off', LOGIN_FAILURES_PER_5_MIN: '3' });
    expect(off.ok && [off.env.INGEST_PER_MINUTE, off.env.LOGIN_FAILURES_PER_5_MIN]).toEqual([false, 3]);
    expect(DEFAULT_LIMITS).toMatchObject({ socketsPerIp: 50, bodyTimeoutMs: 60_000, headersTimeoutMs: 20_000, requestTimeoutMs: 120_000 });
  });

  it('the server refuses to start on a bad limit, saying which', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: '/nonexistent-unused', SOCKETS_PER_IP: '-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('SOCKETS_PER_IP=-1 is not valid');
  });
});
