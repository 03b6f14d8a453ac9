// Shared by the bench scripts: the machine line, the server as a child process, /proc readings.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export const machine = (): string => `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${process.platform}`;

export const perSecond = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} events/s`;

/** Wall clock in ms with sub-ms resolution, comparable across processes on one machine. */
export const clockMs = (): number => performance.timeOrigin + performance.now();

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** The "ready" line's JSON (how the state was rebuilt, ms from process start to listening). */
  ready: { fromSeq: number; replayed: number; snapshotRefused?: string; ms: number };
  /** Time from spawn to the first 200 of GET /api/v1/gates. */
  servingMs: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

let serverBundled = false;

export async function spawnServer(dataDir: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<BenchServer> {
  const t0 = performance.now();
  // BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (NODE_OPTIONS refuses --cpu-prof).
  const flags = [...nodeFlags, ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter((f) => f !== '') ?? [])];
  // The bundle, as a production start runs it (`npm run serve`): no TypeScript compiled at start.
  if (!serverBundled) {
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'ignore' });
    serverBundled = true;
  }
  const child = spawn(process.execPath, [...flags, 'dist/bench-server.mjs'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^ready .*$/m.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const [, url = '', json = '{}'] = /^ready (\S+) (.*)$/.exec(line) ?? [];
  for (;;) {
    const ok = await fetch(`${url}/api/v1/gates`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const servingMs = performance.now() - t0;
  return {
    url,
    child,
    ready: JSON.parse(json) as BenchServer['ready'],
    servingMs,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Resident set size of a process (MB), from /proc. */
export function rssMb(pid: number | undefined): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

/** CPU time (user + system, ms) a process has used so far, from /proc. */
export function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** The server's V8 heap from its /metrics (prom-client's process metrics): where the RSS goes. */
export async function heapOf(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mb = (name: string): string => {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return m ? `${(Number(m[1]) / 1e6).toFixed(0)} MB` : '?';
  };
  return `V8 heap used ${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')}, external ${mb('nodejs_external_memory_bytes')}`;
}

/** A numeric command-line flag: `--name 123`, or the fallback. */
export const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** What a live-client process reports: deltas per client, when each marker value was first seen, how many connected. */
export interface ClientReport {
  deltas: number[];
  seen: [number, number[]][];
  connected: number;
  /** Connections lost after they were live, before the parent said stop (bench-light-clients only; they connect again). */
  closed?: number;
}

/**
 * The client process's side of the IPC with its bench parent: `ready` once all `k` are connected; the
 * parent's `count` starts counting deltas, `stop` gets the report, then the sockets close and the process ends.
 */
export function answerParent(k: number, h: { connected(): number; closed?(): number; setCounting(on: boolean): void; report(): ClientReport; close(): void }): void {
  process.on('message', (msg: unknown) => {
    if (msg === 'count') h.setCounting(true);
    if (msg === 'status') process.send?.({ status: { connected: h.connected(), closed: h.closed?.() ?? 0 } });
    if (msg === 'stop') {
      h.setCounting(false);
      process.send?.(h.report(), () => {
        h.close();
        process.exit(0);
      });
    }
  });
  const poll = setInterval(() => {
    if (h.connected() >= k) {
      clearInterval(poll);
      process.send?.({ ready: h.connected() });
    }
  }, 100);
}

/** `k` clients over `n` processes, as evenly as they go. */
export const shares = (k: number, n: number): number[] => Array.from({ length: n }, (_, p) => Math.floor(k / n) + (p < k % n ? 1 : 0));

/**
 * The parent's side: one client process per entry of `plan` (how many clients, against which server) —
 * bare-WebSocket clients (`light`) or socket.io-client — pushed to `children` (the caller kills them);
 * resolves once every process says all its clients are connected.
 */
export function forkClients(plan: readonly { url: string; clients: number }[], opts: { light: boolean; marker?: string }, children: ChildProcess[]): Promise<void> {
  return Promise.all(
    plan.map(({ url, clients }, p) => {
      const child = fork(opts.light ? 'scripts/bench-light-clients.ts' : 'scripts/bench-live-clients.ts', [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, URL: url, CLIENTS: String(clients), PROC: String(p), ...(opts.marker === undefined ? {} : { MARKER_GATE: opts.marker }) },
      });
      children.push(child);
      return new Promise<void>((resolve) => child.on('message', (m: { ready?: number }) => m.ready !== undefined && resolve()));
    }),
  ).then(() => undefined);
}

/** Tell every client process to stop; their reports. */
export const stopClients = (children: readonly ChildProcess[]): Promise<ClientReport[]> =>
  Promise.all(
    children.map((c) => new Promise<ClientReport>((resolve) => {
      c.on('message', (m: ClientReport | { ready: number }) => 'deltas' in m && resolve(m));
      c.send('stop');
    })),
  );
