// npm run bench: every benchmark (and the forecast backtest), one after another, each printing its figures (no assertions) with
// the command that reproduces it. (a) feeds (b)'s b/a ratio. Bounded: a few minutes on 2 cores.
// Flags: --events N (default 1,000,000), --clients K,K… (default 1000,2000), --cluster-events N (200,000),
// --cluster-clients K (10,000), --quick (100k events, 500 clients; a small cluster run).
// --soak: only the soak (scripts/bench-soak.ts: 30 minutes at 1,000 events/s with 1,000 live clients; its
// flags --minutes, --rate, --clients, --warmup, --preload pass through). Not in CI.
import { spawnSync } from 'node:child_process';
import { machine } from './bench-util.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const events = arg('events') ?? (quick ? '100000' : '1000000');
const clients = (arg('clients') ?? (quick ? '500' : '1000,2000')).split(',');

console.log(machine());
const t0 = performance.now();

function run(script: string, args: string[], nodeFlags: string[] = []): string {
  console.log(`\n=== node ${[...nodeFlags, '--import', 'tsx', script, ...args].join(' ')} ===`);
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 24 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.exitCode = r.status ?? 1;
  return r.stdout;
}

if (process.argv.includes('--soak')) {
  const through = ['minutes', 'rate', 'clients', 'warmup', 'preload'].flatMap((f) => (arg(f) === undefined ? [] : [`--${f}`, arg(f) ?? '']));
  run('scripts/bench-soak.ts', through);
  process.exit();
}
const floor = run('scripts/bench-floor.ts', ['--events', events], ['--expose-gc']);
const a = /\(a\)[^\n]*?→ SQLite: ([\d,]+) events\/s/.exec(floor)?.[1]?.replaceAll(',', '');
run('scripts/bench-http.ts', ['--events', events, ...(a ? ['--floor', a] : [])]);
for (const k of clients) run('scripts/bench-live.ts', ['--clients', k, '--rate', '20000', '--seconds', '10']);
// (c) 10,000 live clients on one node: bare-WebSocket clients, so the load generator fits beside the server.
run('scripts/bench-live.ts', ['--clients', quick ? '2000' : '10000', '--rate', '20000', '--seconds', '10', '--light-clients']);
// Sign-in storm: 20 sign-ins a second during 20,000 events/s of ingest, against the same ingest alone.
run('scripts/bench-signin.ts', quick ? ['--seconds', '3'] : []);
if (!quick) run('scripts/bench-q1.ts', []);
// Warn in time: the forecast, waits and recommendations over the whole Q1 2022 replay, against their baselines.
run('scripts/backtest.ts', quick ? ['--every-hours', '3'] : []);
// Priority lanes: the service pattern's effect on the Q1 2022 waits (the yards' recorded capacity kept).
run('scripts/priority.ts', []);
// Any past moment: GET /gates?asOf= on the Q1 2022 replay, beside the live reading.
run('scripts/bench-asof.ts', []);
// The console's first load: JavaScript gzip and open → first live figures in Chromium (needs `npm run build`).
run('scripts/bench-console.ts', []);
// Several nodes on PostgreSQL: ingest 1 vs 3 nodes vs SQLite, live fan-out over 3 nodes, catch-up, a node's loss.
run('scripts/bench-cluster.ts', quick ? ['--events', '20000', '--clients', '1500', '--missed', '20000'] : ['--events', arg('cluster-events') ?? '200000', '--clients', arg('cluster-clients') ?? '10000', '--missed', '100000']);
console.log(`\nnpm run bench took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
