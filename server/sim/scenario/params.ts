import { z } from 'zod';
import { TradeFigures } from '../../../shared/config.ts';
import { NoticeDraft } from '../../../shared/notices.ts';
import { GateId, LocalDate, OffsetDateTime } from '../../../shared/primitives.ts';

// The compact form of a scenario (fixtures/scenarios/*.json): per gate, direction and lane
// (shared/lanes.ts) the trucks waiting on the eve, arriving and cleared a day, plus the notices
// issued. The backlogs are not given: they follow from these flows, and the tests compare them
// with the source's dated figures.

/** [date, value] points, linearly interpolated between them. */
const Keypoints = z.array(z.tuple([LocalDate, z.number().nonnegative()])).min(1);
/** [date, value] steps: the value holds from its date until the next step. */
const Steps = Keypoints;

export const LaneFlows = z.object({
  /** Trucks waiting on the eve of `from`; they arrived between `backlogStart` and then. */
  waiting: z.number().int().nonnegative(),
  /** Trucks setting out for the gate a day (keypoints); fruit trucks stay home while a fruit notice holds. */
  arrivals: Keypoints,
  /** Trucks the gate clears a day in this lane (steps); nothing while a notice closes the gate. */
  capacity: Steps,
});
export type LaneFlows = z.infer<typeof LaneFlows>;

const DirectionLanes = z.object({ fresh: LaneFlows, other: LaneFlows });

export const GateScenario = z.object({
  export: DirectionLanes,
  import: DirectionLanes,
  /** Where its trucks go while a notice closes it (quay đầu sang cửa khẩu khác), by weight. */
  divertTo: z.record(GateId, z.number().positive()).optional(),
});
export type GateScenario = z.infer<typeof GateScenario>;

export const ScheduledNotice = z.object({ issuedAt: OffsetDateTime, draft: NoticeDraft });
export type ScheduledNotice = z.infer<typeof ScheduledNotice>;

export const ScenarioParams = z.object({
  seed: z.number().int(),
  from: LocalDate,
  to: LocalDate,
  backlogStart: LocalDate,
  /** Cleared value of the period (dated by the cleared event) the generator calibrates to. */
  trade: TradeFigures,
  gates: z.record(GateId, GateScenario),
  /** Share of the fresh export lane's trucks that carry fresh fruit, by arrival date (keypoints). */
  fruitShareOfFreshExports: z.array(z.tuple([LocalDate, z.number().min(0).max(1)])).min(1),
  refusedAttemptsPerDayDuringNotice: z.number().int().nonnegative(),
  notices: z.array(ScheduledNotice),
});
export type ScenarioParams = z.infer<typeof ScenarioParams>;
