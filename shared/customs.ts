import { z } from 'zod';
import { CheckResult } from './events.ts';
import { LocalDate, OffsetDateTime } from './primitives.ts';

// Customs' own confirmations, imported instead of typed again (nhập kết quả từ hệ thống hải quan): a file
// (CSV or JSON) uploaded by a customs officer or an operator, or pulled from a configured URL. Each row
// becomes a `checked` event by `customs`, matched by declaration number, else by plate and date.

/** A row as read from the file, before matching (times already in the deployment's zone). */
export const CustomsRow = z.object({
  line: z.number().int().positive(),
  rowId: z.string().max(64).optional(),
  declarationId: z.string().min(1).max(64).optional(),
  plate: z.string().min(2).max(64).optional(),
  /** Local date the row is about (for a plate match). */
  date: LocalDate,
  result: CheckResult,
  occurredAt: OffsetDateTime,
  note: z.string().max(900).optional(),
});
export type CustomsRow = z.infer<typeof CustomsRow>;

export const CustomsOutcome = z.enum(['matched', 'unmatched', 'ambiguous', 'would_conflict', 'duplicate', 'invalid']);
export type CustomsOutcome = z.infer<typeof CustomsOutcome>;

export const CustomsRowReport = z.object({
  line: z.number().int(),
  rowId: z.string().optional(),
  declarationId: z.string().optional(),
  plate: z.string().optional(),
  outcome: CustomsOutcome,
  message: z.string().optional(),
  /** The `checked` event this row is (or would be) recorded as: the same row always gives the same id. */
  eventId: z.string().optional(),
  /** Declarations a plate matched when ambiguous. */
  candidates: z.array(z.string()).optional(),
});
export type CustomsRowReport = z.infer<typeof CustomsRowReport>;

export const CustomsImportReport = z.object({
  dryRun: z.boolean(),
  /** sha256 of the file as received, so an import can be traced to its file. */
  fileSha256: z.string(),
  fileName: z.string().optional(),
  counts: z.record(CustomsOutcome, z.number().int().nonnegative()),
  /** Rows recorded by this run (0 on a dry run). */
  applied: z.number().int().nonnegative(),
  rows: z.array(CustomsRowReport),
});
export type CustomsImportReport = z.infer<typeof CustomsImportReport>;

export const CustomsImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true'), fileName: z.string().max(200).optional() });
