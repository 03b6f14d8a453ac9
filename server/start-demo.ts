import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfigFile } from './config-file.ts';
import { startDemoFeeder } from './sim/feeder.ts';
import { createReplayClock } from './sim/replay-clock.ts';
import { loadScenario } from './sim/scenario/load.ts';
import { createReplayer, signInOnce } from './sim/timeline.ts';
import { latestEventAt } from './domain/index.ts';
import { startServer } from './start.ts';

// `npm start`: the server on the embedded store plus the built-in simulator, which replays the
// Q1 2022 scenario through the public API (gate keys for events, an operator for notices) while
// the server clock follows the replay — a day a minute by default. Everything is resumable: after a
// restart the replay carries on from the latest event in the log.
// Env: PORT (8080), DATA_DIR (./data), CONFIG (demo), LOG_LEVEL (info),
//      SIM (scenario | live), SIM_SPEED (1440 = a day a minute), SIM_START (2022-01-01T00:00:00+07:00).

// Requests are logged at info; the demo posts several a second, so it logs warnings only unless asked.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'cua-khau-so' } });
const say = (line: string): void => console.log(`[cửa khẩu số] ${line}`);
const DemoCredentials = z.object({
  gateKeys: z.record(z.string(), z.string()),
  users: z.array(z.object({ username: z.string(), password: z.string(), role: z.string() })),
});

async function main(): Promise<void> {
  const config = loadConfigFile(resolve(process.env.CONFIG ?? 'fixtures/demo-config.json'));
  const credentials = DemoCredentials.parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8')));
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  const port = Number(process.env.PORT ?? 8080);

  if (process.env.SIM === 'live') {
    const server = await startServer({ config, dataDir, port, logger });
    const feeder = startDemoFeeder({ url: server.url, gateKeys: credentials.gateKeys, onError: (err) => logger.warn({ err }, 'simulator could not post') });
    say(`console ready at ${server.url} — live demo traffic at wall-clock time`);
    onStop(async () => (feeder.stop(), server.close()));
    return;
  }

  const scenario = loadScenario();
  const start = Date.parse(process.env.SIM_START ?? '2022-01-01T00:00:00+07:00');
  const end = Date.parse('2022-04-01T00:00:00+07:00');
  const clock = createReplayClock({ startAt: start, speed: Number(process.env.SIM_SPEED ?? 1440) });
  clock.setPaused(true); // until the past is caught up
  const server = await startServer({ config, dataDir, port, logger, clock, simulatedClock: clock });
  const logged = server.app.core.read(latestEventAt);
  const resumeAt = logged !== undefined && logged > start ? logged : start;
  clock.setNow(resumeAt);

  const operator = credentials.users.find((u) => u.role === 'operator');
  const replayer = createReplayer({
    url: server.url,
    keyFor: (g) => credentials.gateKeys[g],
    events: scenario.events,
    notices: scenario.notices,
    resumeAt: logged !== undefined ? resumeAt : undefined,
    operatorToken: signInOnce(server.url, operator?.username ?? '', operator?.password ?? ''),
  });
  say(`server up at ${server.url}; catching up the Q1 2022 scenario to ${new Date(resumeAt).toISOString()}…`);
  await replayer.advanceTo(resumeAt);
  clock.setSpeed(Number(process.env.SIM_SPEED ?? 1440));
  clock.setPaused(false);
  clock.stopAt(end);
  const speed = clock.status(String).speed;
  say(`console ready at ${server.url} — replaying Q1 2022 at ${speed}× (a day in ${Math.round((86_400 / speed) * 10) / 10} s); operators can change the speed`);

  let stopped = false;
  onStop(async () => {
    stopped = true;
    await server.close();
  });
  while (!stopped && !replayer.done()) {
    try {
      await replayer.advanceTo(clock.now());
    } catch (err) {
      logger.warn({ err }, 'replay could not post; retrying');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopped) say('the Q1 2022 replay is complete; the clock stays at 31 March 2022 (delete DATA_DIR to replay again)');
}

function onStop(stop: () => Promise<unknown>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0), () => process.exit(1)));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
