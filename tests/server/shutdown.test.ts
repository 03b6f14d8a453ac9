import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchResult } from '../../shared/ingest.ts';
import { spawnChildServer, type ChildServer } from '../helpers/child-server.ts';
import { at, declared } from '../helpers/truck-events.ts';
import { demoKeys, ndjson } from '../helpers/test-server.ts';

// Graceful shutdown: SIGTERM while a large batch is still uploading. The server stops taking new
// connections, finishes the batch, acknowledges it, exits 0 — and the batch is in the log after a restart.

const key = demoKeys()['tan-thanh'] ?? '';
const dataDir = mkdtempSync(join(tmpdir(), 'cks-shutdown-'));
let server: ChildServer | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('finishes the batch in flight on SIGTERM, then exits 0 with it stored', { timeout: 120_000 }, async () => {
    const running = await spawnChildServer({ dataDir });
    server = running;
    const t = at('2022-01-11 09:00');
    const body = Buffer.from(ndjson(Array.from({ length: 10_000 }, (_, i) => declared(`SD-${i}`, t + i * 1_000, { gateId: 'tan-thanh' }))));
    const half = Math.floor(body.length / 2);
    const { port } = new URL(running.url);

    const req = request({
      host: '127.0.0.1',
      port: Number(port),
      method: 'POST',
      path: '/api/v1/events',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'content-length': body.length },
    });
    const ack = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve) => req.write(body.subarray(0, half), () => resolve()));

    // SIGTERM with half the batch sent; wait until the server says it is shutting down.
    running.child.kill('SIGTERM');
    await running.waitForOutput('shutting down');
    // It takes no new connections meanwhile (retry: closing the listener follows the log line).
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        () => false,
        () => true,
      );
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe(true);
    expect(running.child.exitCode).toBeNull();

    req.end(body.subarray(half));
    const answer = await ack;
    expect(answer.status).toBe(200);
    expect(BatchResult.parse(JSON.parse(answer.text))).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
    await running.exited;
    expect(running.child.exitCode).toBe(0);
    expect(running.output()).toContain('"msg":"closed"');

    const again = await spawnChildServer({ dataDir });
    server = again;
    expect(await (await fetch(`${again.url}/healthz`)).json()).toMatchObject({ events: 10_000 });
    await again.kill('SIGTERM');
    expect(again.child.exitCode).toBe(0);
  });
});
