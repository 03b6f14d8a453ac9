import { readFileSync } from 'node:fs';
import { type Scenario, generateScenario } from './generate.ts';
import { ScenarioParams } from './params.ts';

// Read a scenario's compact form and expand it; NDJSON is one contract event per line.

export const Q1_2022 = 'fixtures/scenarios/q1-2022.json';

export function loadScenarioParams(path: string = Q1_2022, seed?: number): ScenarioParams {
  const params = ScenarioParams.parse(JSON.parse(readFileSync(path, 'utf8')));
  return seed === undefined ? params : { ...params, seed };
}

export const loadScenario = (path?: string, seed?: number): Scenario => generateScenario(loadScenarioParams(path, seed));

export const toNdjson = (scenario: Scenario): string => scenario.events.map((e) => JSON.stringify(e)).join('\n') + '\n';
