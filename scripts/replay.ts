// npm run replay -- FILE [--url http://localhost:8080] [--key KEY | --key GATE=KEY …] [--speed N|max]
//                      [--notices FILE.notices.json --user NAME --password PASS]
// Sends any NDJSON file of contract events to a server through POST /api/v1/events, paced by the
// events' occurredAt at N× real time (max: as fast as the server takes them), with a progress bar,
// then prints a summary: accepted, duplicates, rejected by code. Without --key, the demo gate keys.
// A target on a replay clock (REPLAY_CLOCK_START) paces the replay instead: events and notices go when
// its clock reaches them, so the server dates each notice at its real issue time. On a wall-clock
// target, notices are dated by the wall clock, and the script says so.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { TruckEvent } from '../shared/index.ts';
import { createReplayClock } from '../server/sim/replay-clock.ts';
import { ScheduledNotice } from '../server/sim/scenario/params.ts';
import { createReplayer, signInOnce, targetClock } from '../server/sim/timeline.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    key: { type: 'string', multiple: true },
    speed: { type: 'string', default: 'max' },
    notices: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npm run replay -- FILE [--url URL] [--key KEY | --key GATE=KEY] [--speed N|max]');
  process.exit(2);
}

const events: TruckEvent[] = [];
const invalidLines: number[] = [];
readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
  if (line.trim() === '') return;
  try {
    const parsed = TruckEvent.safeParse(JSON.parse(line));
    if (parsed.success) events.push(parsed.data);
    else invalidLines.push(i + 1);
  } catch {
    invalidLines.push(i + 1);
  }
});
events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
if (invalidLines.length) console.error(`${invalidLines.length} lines are not valid events and are not sent (first: line ${invalidLines[0]})`);

const keys = new Map<string, string>();
let anyKey: string | undefined;
for (const k of values.key ?? []) {
  const [gate, key] = k.includes('=') ? k.split('=', 2) : [undefined, k];
  if (gate && key) keys.set(gate, key);
  else anyKey = key;
}
if (!values.key) {
  const demo = z.object({ gateKeys: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8')));
  for (const [g, k] of Object.entries(demo.gateKeys)) keys.set(g, k);
}

const notices = values.notices ? z.array(ScheduledNotice).parse(JSON.parse(readFileSync(values.notices, 'utf8'))) : [];
const operatorToken = signInOnce(values.url, values.user ?? 'sct.vanhanh', values.password ?? 'demo-operator-2022');

const replayer = createReplayer({ url: values.url, keyFor: (g) => keys.get(g) ?? anyKey, events, notices, operatorToken });
const speed = values.speed === 'max' ? Infinity : Number(values.speed);
if (!(speed > 0)) {
  console.error(`--speed must be a positive number or max, not ${values.speed}`);
  process.exit(2);
}
const target = await targetClock(values.url).catch((e: unknown) => {
  console.error(`cannot read the target's clock: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
if (target.simulated) {
  console.error(`the target runs a replay clock (now ${target.now}, ${target.speed}×): the replay follows it; --speed is ignored`);
  const late = notices.filter((n) => Date.parse(n.issuedAt) < Date.parse(target.now)).length;
  if (late) console.error(`warning: its clock is already past ${late} notices' issue times: those are dated now (start the target closer to the file's start)`);
} else if (notices.length) {
  console.error(
    `warning: the target's clock is wall time (${target.now}): its server dates the ${notices.length} notices now, not at their issue times. ` +
      'To replay them at their own dates, start the target with REPLAY_CLOCK_START (README "Replaying a file").',
  );
}
const clock = createReplayClock({ startAt: replayer.firstAt(), speed: Number.isFinite(speed) ? speed : 1 });
const dueBy = async (): Promise<number> => (target.simulated ? Date.parse((await targetClock(values.url)).now) : Number.isFinite(speed) ? clock.now() : Infinity);
const started = performance.now();
const bar = (): void => {
  const { sent, total } = replayer.tally;
  const width = 30;
  const filled = Math.round((sent / Math.max(1, total)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${sent}/${total} events  ${((performance.now() - started) / 1000).toFixed(1)} s`);
};
try {
  while (!replayer.done()) {
    await replayer.advanceTo(await dueBy());
    bar();
    if (!replayer.done()) await new Promise((r) => setTimeout(r, 200));
  }
} catch (e) {
  process.stderr.write('\n');
  console.error(`replay stopped: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
process.stderr.write('\n');
const seconds = (performance.now() - started) / 1000;
const t = replayer.tally;
console.log(`sent ${t.sent} events in ${seconds.toFixed(1)} s (${Math.round(t.sent / seconds)} events/s)`);
console.log(`accepted ${t.accepted}, duplicates ${t.duplicates}, rejected ${Object.values(t.rejected).reduce((a, b) => a + (b ?? 0), 0)}`);
for (const [code, n] of Object.entries(t.rejected)) console.log(`  ${code}: ${n}`);
if (notices.length) console.log(`notices issued ${t.noticesIssued} of ${notices.length}`);
