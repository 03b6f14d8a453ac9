import { z } from 'zod';
import { TradeFigures } from '../../../shared/config.ts';
import { NoticeDraft } from '../../../shared/notices.ts';
import { GateId, LocalDate, OffsetDateTime } from '../../../shared/primitives.ts';

// The compact form of a scenario (fixtures/scenarios/*.json): what the yards held and what the
// gates cleared, day by day, plus the notices issued. The generator turns it into truck events.

/** [date, value] points, linearly interpolated between them. */
const Keypoints = z.array(z.tuple([LocalDate, z.number().nonnegative()])).min(1);
/** [date, value] steps: the value holds from its date until the next step. */
const Steps = Keypoints;

export const GateScenario = z.object({
  exportBacklog: Keypoints,
  exportCapacity: Steps,
  importBacklog: Keypoints,
  importCapacity: Steps,
});
export type GateScenario = z.infer<typeof GateScenario>;

export const ScheduledNotice = z.object({ issuedAt: OffsetDateTime, draft: NoticeDraft });
export type ScheduledNotice = z.infer<typeof ScheduledNotice>;

export const ScenarioParams = z.object({
  seed: z.number().int(),
  from: LocalDate,
  to: LocalDate,
  /** Trucks waiting on `from` arrived between this date and the day before `from`. */
  backlogStart: LocalDate,
  /** Cleared value of the period (dated by the cleared event) the generator calibrates to. */
  trade: TradeFigures,
  gates: z.record(GateId, GateScenario),
  freshFruitShareOfExports: z.object({ normal: z.number().min(0).max(1), duringNotice: z.number().min(0).max(1) }),
  refusedAttemptsPerDayDuringNotice: z.number().int().nonnegative(),
  notices: z.array(ScheduledNotice),
});
export type ScenarioParams = z.infer<typeof ScenarioParams>;
