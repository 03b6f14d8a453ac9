import { Config } from '../../shared/config.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { demoConfig } from './test-server.ts';
import { at, declared, lifecycle } from './truck-events.ts';

// A yard whose forecast is worked out by hand (server and browser tests of "warn in time"): a week of one
// fruit truck an hour at Hữu Nghị (declared, arriving 10 h later, cleared 30 min after), 50 old trucks
// waiting, 20 declared 4½ h ago; the clock stands at FORECAST_NOW.

const H = 3_600_000;
export const FORECAST_NOW = at('2022-02-10 08:00');

export function steadyYard(now = FORECAST_NOW): TruckEvent[] {
  const events: TruckEvent[] = [];
  const fruit = { category: 'fresh_fruit' as const };
  for (let j = 1; j <= 192; j++) {
    const d = now - j * H + H / 4;
    const a = d + 10 * H;
    events.push(declared(`S-${j}`, d, fruit));
    if (a <= now) events.push(lifecycle('arrived', `S-${j}`, a));
    if (a + H / 2 <= now) events.push(lifecycle('cleared', `S-${j}`, a + H / 2));
  }
  for (let i = 0; i < 50; i++) events.push(declared(`Q-${i}`, now - 9 * 24 * H, fruit), lifecycle('arrived', `Q-${i}`, now - 8.5 * 24 * H + i * 1000));
  for (let i = 0; i < 20; i++) events.push(declared(`U-${i}`, now - 4.5 * H, fruit));
  return events;
}

/** Hữu Nghị's yard holds 60 trucks and the line is 90 %: 54, passed when the 20 arrive at 13:45. */
export function smallYardConfig(): Config {
  const config = demoConfig();
  config.gates = config.gates.map((g) => (g.id === 'huu-nghi' ? { ...g, yardCapacity: 60 } : g));
  config.recommend = { ...config.recommend, fillShare: 0.9 };
  return config;
}
