import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { startDemoFeeder } from '../server/sim/feeder.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { startFront, type Backend } from './cluster-proxy.ts';

// `npm run cluster`: one deployment on this machine, to watch a node die and the console carry on —
// a throwaway PostgreSQL 15 (Debian's), three nodes (`server/main.ts` on ports 8081–8083, each with its
// own DATA_DIR, all with the same DATABASE_URL and SESSION_SECRET), a front on http://localhost:8080
// (sticky by address, fails over to a healthy node; nginx does this in production) and live demo
// traffic posted through the front. Keys 1, 2, 3 kill or restart that node; q (or Ctrl-C) stops all.
// Env: PORT (front, 8080), NODE_PORTS (8081,8082,8083).

const say = (line: string): void => console.log(`[cluster] ${line}`);
const frontPort = Number(process.env.PORT ?? 8080);
const ports = (process.env.NODE_PORTS ?? '8081,8082,8083').split(',').map(Number);
const credentials = z
  .object({ gateKeys: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8')));

const work = mkdtempSync(join(tmpdir(), 'cks-cluster-'));
say(`starting a throwaway PostgreSQL 15 (data in ${work})…`);
const postgres = await startPostgres({ fsync: true });
const databaseUrl = await postgres.createDatabase('cua_khau_so');
const secret = randomBytes(36).toString('base64url');

interface Node extends Backend {
  dataDir: string;
  child?: ChildProcess;
}
const nodes: Node[] = ports.map((port, i) => ({ name: `node-${i + 1}`, port, dataDir: join(work, `node-${i + 1}`) }));

function startNode(node: Node): void {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(node.port), DATA_DIR: node.dataDir, DATABASE_URL: databaseUrl, SESSION_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`[${node.name}] ${line}`);
  };
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  child.once('exit', (code, signal) => {
    if (node.child === child) node.child = undefined;
    say(`${node.name} stopped (${signal ?? `exit ${code}`})`);
  });
  node.child = child;
  say(`${node.name} starting on http://localhost:${node.port} (DATA_DIR ${node.dataDir})`);
}

async function waitHealthy(node: Node, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${node.port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${node.name} did not become healthy`);
}

for (const node of nodes) startNode(node);
await Promise.all(nodes.map((n) => waitHealthy(n)));
const front = await startFront(frontPort, nodes);
const url = `http://localhost:${frontPort}`;
const feeder = startDemoFeeder({ url: `http://127.0.0.1:${frontPort}`, gateKeys: credentials.gateKeys, onError: () => undefined });
say(`console: ${url}  (nodes: ${nodes.map((n) => `${n.name} :${n.port}`).join(', ')}; PostgreSQL ${postgres.url().replace(/\/[^/]*$/, '')})`);
say('press 1, 2 or 3 to kill (SIGKILL) or restart that node; q to stop everything');

let stopping = false;
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  feeder.stop();
  await front.close();
  await Promise.all(
    nodes.map(
      (n) =>
        new Promise<void>((resolve) => {
          if (!n.child) return resolve();
          n.child.once('exit', () => resolve());
          n.child.kill('SIGTERM');
        }),
    ),
  );
  await postgres.stop();
  rmSync(work, { recursive: true, force: true });
  say('stopped');
  process.exit(0);
}

process.once('SIGINT', () => void stopAll());
process.once('SIGTERM', () => void stopAll());
if (process.stdin.isTTY) {
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on('data', (key: Buffer) => {
    const k = key.toString();
    if (k === 'q' || k === '\u0003') return void stopAll();
    const node = nodes[Number(k) - 1];
    if (!node) return;
    if (node.child) {
      say(`killing ${node.name} (SIGKILL); the front sends its clients to the others — watch the console reconnect`);
      node.child.kill('SIGKILL');
    } else {
      // A fresh DATA_DIR: the node catches up from PostgreSQL before /healthz says 200.
      rmSync(node.dataDir, { recursive: true, force: true });
      startNode(node);
    }
  });
}
