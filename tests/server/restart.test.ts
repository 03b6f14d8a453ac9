import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';
import { demoKeys, ndjson, postEvents } from '../helpers/test-server.ts';

// Accepted events survive the process: `npm run serve`'s entry point, killed hard, then started again.

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

async function spawnServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (up) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const stop = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

describe('restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cks-restart-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps accepted events across a hard kill', async () => {
    const first = await spawnServer(dataDir);
    children.push(first.child);
    const t = at('2022-01-10 08:00');
    const res = await postEvents(first.url, demoKeys()['chi-ma'], ndjson([
      declared('CM-1', t, { gateId: 'chi-ma' }),
      lifecycle('arrived', 'CM-1', t + 60_000, 'chi-ma'),
      declared('CM-2', t, { gateId: 'chi-ma', direction: 'import' }),
    ]));
    expect(res.json).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    await stop(first.child, 'SIGKILL'); // no graceful close: the commit alone must have made it durable

    const second = await spawnServer(dataDir);
    children.push(second.child);
    const gates = GatesResponse.parse(await (await fetch(`${second.url}/api/v1/gates`)).json());
    const chiMa = gates.gates.find((g) => g.id === 'chi-ma');
    expect(chiMa?.queue).toEqual({ export: 1, import: 0 });
    expect(chiMa?.expected).toEqual({ export: 0, import: 1 });
    expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ ok: true, seq: 3, events: 3, store: 'sqlite' });
    await stop(second.child, 'SIGTERM');
    expect(second.child.exitCode).toBe(0);
  });
});
