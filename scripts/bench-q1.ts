// The Q1 2022 quarter end to end (issue "The true Q1 2022 story"): events in the quarter, the time to
// replay it over HTTP into a fresh server (a separate process) and events/s, and the time for a
// restarted server to serve again with the whole quarter in its log — next to the same server
// starting on an empty log, measured in the same run. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { LoginResponse } from '../shared/index.ts';
import { loadScenario } from '../server/sim/scenario/load.ts';
import { createReplayer } from '../server/sim/timeline.ts';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { startServer } from '../tests/helpers/server-process.ts';

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

async function timeToServe(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = await startServer({ DATA_DIR: dataDir }, 120_000);
  const s = seconds(t0);
  await server.stop();
  return s;
}

const t0 = performance.now();
const scenario = loadScenario();
const generateS = seconds(t0);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-q1-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'bench-empty-'));
try {
  const server = await startServer({ DATA_DIR: dataDir });
  const keys = demoKeys();
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sct.vanhanh', password: 'demo-operator-2022' }),
  });
  const token = LoginResponse.parse(await login.json()).token;
  const replayer = createReplayer({ url: server.baseUrl, keyFor: (g) => keys[g], events: scenario.events, notices: scenario.notices, operatorToken: async () => token });
  const r0 = performance.now();
  await replayer.advanceTo(Infinity);
  const replayS = seconds(r0);
  const health = z.object({ events: z.number() }).parse(await (await fetch(`${server.baseUrl}/healthz`)).json());
  await server.stop();

  const emptyS = await timeToServe(emptyDir);
  const fullS = await timeToServe(dataDir);
  const t = replayer.tally;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  console.log('command: npm run bench (scripts/bench-q1.ts)');
  console.log(`Q1 2022 scenario: ${scenario.events.length} events generated in ${generateS.toFixed(1)} s (${scenario.refusedAttempts} meant to be refused)`);
  console.log(`replay over HTTP into a fresh server: ${replayS.toFixed(1)} s, ${Math.round(t.sent / replayS)} events/s (accepted ${t.accepted}, rejected ${JSON.stringify(t.rejected)}, notices ${t.noticesIssued}); log holds ${health.events}`);
  console.log(`restart until serving: ${fullS.toFixed(2)} s with the quarter in the log; ${emptyS.toFixed(2)} s on an empty log (process + tsx start-up); rebuild ≈ ${(fullS - emptyS).toFixed(2)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
}
