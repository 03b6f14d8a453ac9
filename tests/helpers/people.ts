import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { LoginResponse } from '../../shared/auth.ts';
import { Delta, Snapshot } from '../../shared/live.ts';

// Signing in the demo users, calling the API as them, and connecting their consoles' sockets.

const DemoUser = z.object({ username: z.string(), password: z.string() });
const Credentials = z.object({ users: z.array(DemoUser) });
const passwords = (): Map<string, string> =>
  new Map(Credentials.parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8'))).users.map((u) => [u.username, u.password]));

export async function login(url: string, username: string, password = passwords().get(username) ?? ''): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return LoginResponse.parse(await res.json()).token;
}

export interface ApiResult {
  status: number;
  json: unknown;
  headers: Headers;
}

export async function api(url: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json().catch(() => null), headers: res.headers };
}

export interface Console {
  socket: Socket;
  snapshots: Snapshot[];
  deltas: Delta[];
  /** Every payload received, as raw JSON text (for privacy checks). */
  raw: string[];
}

/** Connect as a user (or anonymous); resolves on the first snapshot, rejects with the connect error. */
export function connectConsole(url: string, token?: string): Promise<Console> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, ...(token === undefined ? {} : { auth: { token } }) });
  const c: Console = { socket, snapshots: [], deltas: [], raw: [] };
  socket.on('delta', (m: unknown) => {
    c.raw.push(JSON.stringify(m));
    c.deltas.push(Delta.parse(m));
  });
  return new Promise((resolve, reject) => {
    socket.on('snapshot', (m: unknown) => {
      c.raw.push(JSON.stringify(m));
      c.snapshots.push(Snapshot.parse(m));
      resolve(c);
    });
    socket.on('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

export async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A clock the test moves by hand. */
export function manualClock(startMs: number): { now(): number; set(ms: number): void } {
  let now = startMs;
  return { now: () => now, set: (ms) => void (now = ms) };
}
