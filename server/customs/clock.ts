import type { LocalTime } from '../domain/index.ts';
import type { Clock } from './parse.ts';

/** The deployment's zone as the parser needs it. */
export const parseClock = (lt: LocalTime): Clock => ({
  dayStart: (date) => lt.dayStart(lt.dayIndexOfDate(date)),
  formatIso: (ms) => lt.formatIso(ms),
  localDate: (ms) => lt.dateOf(lt.dayIndex(ms)),
});
