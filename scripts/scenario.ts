// npm run scenario -- [--params fixtures/scenarios/q1-2022.json] [--seed N] [--out FILE]
// Expands a scenario's compact form into contract NDJSON (default fixtures/generated/q1-2022.ndjson)
// and its notices (same name, .notices.json). The same seed gives byte-identical output.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Q1_2022, loadScenario, toNdjson } from '../server/sim/scenario/load.ts';

const { values } = parseArgs({
  options: { params: { type: 'string', default: Q1_2022 }, seed: { type: 'string' }, out: { type: 'string', default: 'fixtures/generated/q1-2022.ndjson' } },
});
const scenario = loadScenario(values.params, values.seed === undefined ? undefined : Number(values.seed));
const ndjson = toNdjson(scenario);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, ndjson);
const noticesFile = values.out.replace(/\.ndjson$/, '') + '.notices.json';
writeFileSync(noticesFile, JSON.stringify(scenario.notices, null, 2) + '\n');
const sha = createHash('sha256').update(ndjson).digest('hex').slice(0, 16);
console.log(`${values.out}: ${scenario.events.length} events (${scenario.refusedAttempts} meant to be refused by notices), sha256 ${sha}…`);
console.log(`${noticesFile}: ${scenario.notices.length} notices`);
