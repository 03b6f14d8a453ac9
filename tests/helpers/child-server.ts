import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, REPO_ROOT } from './server-process.ts';

// The REAL server (server/main.ts) as a child process on a data dir the test owns, so the test can
// SIGKILL or SIGTERM it and start it again on the same log. The caller removes the data dir.

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** stdout + stderr so far (pino JSON lines), for assertions and failure messages. */
  output(): string;
  /** Resolves when a log line contains `text`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Send a signal and wait for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export interface ChildServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** RLIMIT_FSIZE for the process: files cannot grow past this (a "full disk" that is real to SQLite). */
  maxFileBytes?: number;
  timeoutMs?: number;
}

export async function spawnChildServer(opts: ChildServerOptions): Promise<ChildServer> {
  const port = await freePort();
  const node = [process.execPath, '--import', 'tsx', 'server/main.ts'];
  // POSIX sh counts `ulimit -f` in 512-byte blocks.
  const [command, ...args] =
    opts.maxFileBytes === undefined ? node : ['/bin/sh', '-c', `ulimit -f ${Math.ceil(opts.maxFileBytes / 512)} && exec "$@"`, 'sh', ...node];
  const child = spawn(command ?? process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: opts.dataDir, LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const waiters: { text: string; done(): void }[] = [];
  const collect = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-200_000);
    for (const w of [...waiters]) {
      if (log.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => log,
    waitForOutput: (text, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (log.includes(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no "${text}" in the server's output within ${timeoutMs} ms:\n${log.slice(-3_000)}`)), timeoutMs);
        waiters.push({ text, done: () => (clearTimeout(timer), resolve()) });
      }),
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    const up = await fetch(`${server.url}/healthz`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.kill('SIGKILL');
  throw new Error(`server did not start:\n${log}`);
}
