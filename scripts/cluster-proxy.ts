import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

// A small TCP front for `npm run cluster` (what nginx does in production, docs/deploy/nginx.conf):
// each client connection goes to a healthy node chosen by the client's address, and to the next healthy
// one when that node is gone (so on one machine every console lands on one node, and all move when it
// dies — the thing to watch). It forwards bytes only, so HTTP, WebSocket upgrades and keep-alive pass
// through untouched.

export interface Backend {
  name: string;
  port: number;
}

export interface Front {
  server: Server;
  /** Names of the nodes /healthz says are serving. */
  healthy(): string[];
  /** The node a client at `address` is sent to now. */
  backendFor(address: string): Backend | undefined;
  close(): Promise<void>;
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(800) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function startFront(port: number, backends: readonly Backend[], opts: { checkMs?: number; host?: string } = {}): Promise<Front> {
  const checkMs = opts.checkMs ?? 500;
  let up = new Set<string>();
  const check = async (): Promise<void> => {
    const states = await Promise.all(backends.map(async (b) => [b.name, await isHealthy(b.port)] as const));
    up = new Set(states.filter(([, ok]) => ok).map(([name]) => name));
  };
  await check();
  const timer = setInterval(() => void check(), checkMs);
  timer.unref();

  const pick = (address: string): Backend | undefined => {
    const healthy = backends.filter((b) => up.has(b.name));
    if (healthy.length === 0) return undefined;
    const h = createHash('sha1').update(address).digest().readUInt32BE(0);
    return healthy[h % healthy.length];
  };

  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    const backend = pick(client.remoteAddress ?? '');
    if (!backend) {
      client.end('HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nno node is serving\n');
      return;
    }
    const upstream = connect(backend.port, '127.0.0.1');
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    // A node that dies takes its connections with it; the console reconnects and lands on another node.
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.once('error', cut);
    upstream.once('error', cut);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (opts.host === undefined) server.listen(port, resolve);
    else server.listen(port, opts.host, resolve);
  });
  return {
    server,
    healthy: () => [...up],
    backendFor: pick,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
