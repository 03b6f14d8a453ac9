import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CargoCategory, TruckEvent, laneOf } from '../../shared/index.ts';
import type { Scenario } from '../../server/sim/scenario/generate.ts';
import { loadScenario, toNdjson } from '../../server/sim/scenario/load.ts';

// The Q1 2022 scenario against the source's figures (../shared/seed/): computed here from the
// events alone, the way the contract defines them — not from the generator's own bookkeeping.

const OFFSET = 7 * 3600_000;
const localDate = (ms: number): string => new Date(ms + OFFSET).toISOString().slice(0, 10);
const at20 = (date: string): number => Date.parse(`${date}T20:00:00+07:00`);
const dates = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

interface Life { gateId: string; direction: string; category: string; value: number; local: boolean; arrived?: number; cleared?: number; cancelled?: number }
let scenario: Scenario;
const lives = new Map<string, Life>();

beforeAll(() => {
  scenario = loadScenario();
  for (const e of scenario.events) {
    const t = Date.parse(e.occurredAt);
    if (e.type === 'declared') {
      lives.set(e.declarationId, { gateId: e.gateId, direction: e.direction, category: e.cargo.category, value: e.cargo.valueUsd, local: e.cargo.localGoods });
    } else {
      const life = lives.get(e.declarationId);
      if (life && (e.type === 'arrived' || e.type === 'cleared' || e.type === 'cancelled')) life[e.type] = t;
    }
  }
}, 60_000);

const queueAt = (t: number, filter: (l: Life) => boolean = () => true): number =>
  [...lives.values()].filter((l) => filter(l) && l.arrived !== undefined && l.arrived <= t && (l.cleared ?? Infinity) > t && (l.cancelled ?? Infinity) > t).length;

describe('Q1 2022 scenario', () => {
  it('is deterministic: the same seed gives byte-identical NDJSON, another seed differs', () => {
    const hash = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(hash(toNdjson(loadScenario()))).toBe(hash(toNdjson(scenario)));
    expect(hash(toNdjson(loadScenario(undefined, 7)))).not.toBe(hash(toNdjson(scenario)));
  }, 60_000);

  it('is made of contract-valid events with unique ids', () => {
    expect(scenario.events.length).toBeGreaterThan(50_000);
    for (const e of scenario.events) expect(TruckEvent.safeParse(e).success).toBe(true);
    expect(new Set(scenario.events.map((e) => e.eventId)).size).toBe(scenario.events.length);
  });

  it('clears the source table: export 230, import 570, local export 28 M USD (±0.5 %)', () => {
    const sum = { export: 0, import: 0, local: 0 };
    for (const l of lives.values()) {
      if (l.cleared === undefined || localDate(l.cleared) < '2022-01-01' || localDate(l.cleared) > '2022-03-31') continue;
      if (l.direction === 'import') sum.import += l.value;
      else {
        sum.export += l.value;
        if (l.local) sum.local += l.value;
      }
    }
    expect(Math.abs(sum.export / 230e6 - 1)).toBeLessThan(0.005);
    expect(Math.abs(sum.import / 570e6 - 1)).toBeLessThan(0.005);
    expect(Math.abs(sum.local / 28e6 - 1)).toBeLessThan(0.005);
  });

  // The dated backlogs, clearance rates and the Hữu Nghị closure: tests/sim/winter-figures.test.ts.
  it('keeps a yard of trucks every evening of January and February, fresh fruit the bulk of the fresh lane', () => {
    for (const date of dates('2022-01-01', '2022-02-28')) expect(queueAt(at20(date)), date).toBeGreaterThanOrEqual(800); // lowest at Tết's end
    const fresh = [...lives.values()].filter((l) => l.direction === 'export' && laneOf(l.category as CargoCategory) === 'fresh');
    expect(fresh.filter((l) => l.category === 'fresh_fruit').length / fresh.length).toBeGreaterThan(0.6);
  });

  it('sends fresh-fruit declarations during the fruit notices only as attempts meant to be refused', () => {
    const fruitNotices = scenario.notices.filter((n) => n.draft.categories?.includes('fresh_fruit'));
    expect(fruitNotices.map((n) => n.draft.effectiveFrom.slice(0, 10))).toEqual(['2022-01-17', '2022-02-16', '2022-02-26']);
    const inNotice = (t: number): boolean =>
      fruitNotices.some((n) => t >= Date.parse(n.draft.effectiveFrom) && t < Date.parse(n.draft.effectiveUntil ?? '9999-12-31T00:00:00Z'));
    const fruitDeclaredInNotice = scenario.events.filter(
      (e) => e.type === 'declared' && e.direction === 'export' && e.cargo.category === 'fresh_fruit' && inNotice(Date.parse(e.occurredAt)),
    );
    expect(fruitDeclaredInNotice.length).toBe(scenario.refusedAttempts);
    expect(fruitDeclaredInNotice.every((e) => e.declarationId.startsWith('Q1-REF-'))).toBe(true);
  });
});
