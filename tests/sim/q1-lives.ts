import type { TruckEvent } from '../../shared/index.ts';

// Each truck of a generated scenario, read back from its events alone (CONTRACT §2): what it
// carried and when it arrived, cleared or turned away. The figures are computed from these.

export interface Life {
  gateId: string;
  direction: string;
  category: string;
  description: string;
  value: number;
  local: boolean;
  declared: number;
  arrived?: number;
  cleared?: number;
  cancelled?: number;
}

export function livesOf(events: readonly TruckEvent[]): Life[] {
  const lives = new Map<string, Life>();
  for (const e of events) {
    const t = Date.parse(e.occurredAt);
    if (e.type === 'declared') {
      const { category, description, valueUsd, localGoods } = e.cargo;
      lives.set(e.declarationId, { gateId: e.gateId, direction: e.direction, category, description, value: valueUsd, local: localGoods, declared: t });
    } else {
      const life = lives.get(e.declarationId);
      if (life && (e.type === 'arrived' || e.type === 'cleared' || e.type === 'cancelled')) life[e.type] = t;
    }
  }
  return [...lives.values()];
}

const OFFSET = 7 * 3600_000;
export const localDate = (ms: number): string => new Date(ms + OFFSET).toISOString().slice(0, 10);
export const localTime = (date: string, hhmm: string): number => Date.parse(`${date}T${hhmm}:00+07:00`);
export function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const waitingAt = (lives: readonly Life[], t: number, keep: (l: Life) => boolean = () => true): number =>
  lives.filter((l) => keep(l) && l.arrived !== undefined && l.arrived <= t && (l.cleared ?? Infinity) > t && (l.cancelled ?? Infinity) > t).length;

/** How many of `lives` an instant picked by `at` falls on each local date. */
export function perDay(lives: readonly Life[], at: (l: Life) => number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lives) {
    const t = at(l);
    if (t !== undefined) out.set(localDate(t), (out.get(localDate(t)) ?? 0) + 1);
  }
  return out;
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
