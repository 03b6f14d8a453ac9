import { z } from 'zod';

/** ISO-8601 datetime that must carry an offset (`Z` or `+07:00`), contract preamble. */
export const OffsetDateTime = z.iso.datetime({ offset: true });
/** A local calendar date `YYYY-MM-DD` in the deployment's timezone. */
export const LocalDate = z.iso.date();

export const Direction = z.enum(['export', 'import']);
export type Direction = z.infer<typeof Direction>;
export const DIRECTIONS = Direction.options;

export const Force = z.enum(['border_guard', 'customs', 'quarantine']);
export type Force = z.infer<typeof Force>;
export const FORCES = Force.options;

/** Who confirms a hand-over step (shared/procedures.ts): a force, or the company running the yard (doanh nghiệp kinh doanh bãi). */
export const StepActor = z.enum(['border_guard', 'customs', 'quarantine', 'yard_operator']);
export type StepActor = z.infer<typeof StepActor>;
export const STEP_ACTORS = StepActor.options;

export const CargoCategory = z.enum([
  'fresh_fruit',
  'agricultural',
  'seafood',
  'machinery_electronics',
  'industrial_materials',
  'consumer_goods',
  'other',
]);
export type CargoCategory = z.infer<typeof CargoCategory>;
export const CARGO_CATEGORIES = CargoCategory.options;

export const GateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'gate id: lower-case letters, digits and dashes');

/** Count per direction: `{ export, import }`. */
export const PerDirection = z.object({ export: z.number().int().nonnegative(), import: z.number().int().nonnegative() });
export type PerDirection = z.infer<typeof PerDirection>;

export const LocalizedText = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() });
export type LocalizedText = z.infer<typeof LocalizedText>;
