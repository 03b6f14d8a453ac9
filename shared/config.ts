import { z } from 'zod';
import { CargoCategory, Force, GateId, LocalDate } from './primitives.ts';
import { DEFAULT_PERISHABLE } from './lanes.ts';
import { DEFAULT_PROCEDURE, Procedure, ProcedureRuleConfig, ServicePattern } from './procedures.ts';

// The deployment's configuration file (CONTRACT §6), validated at start-up.
// Secrets appear only hashed: API keys as `sha256:<hex>`, passwords as `scrypt:<N>:<r>:<p>:<salt>:<hash>`.

const Sha256Hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>');
const ScryptHash = z.string().regex(/^scrypt:\d+:\d+:\d+:[0-9a-f]+:[0-9a-f]+$/, 'expected scrypt:<N>:<r>:<p>:<salt>:<hash>');

export const GateConfig = z.object({
  id: GateId,
  name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Trucks the gate's yards hold (sức chứa bãi). */
  yardCapacity: z.number().int().positive(),
  apiKeys: z.array(z.object({ id: z.string().min(1), hash: Sha256Hash })).default([]),
});
export type GateConfig = z.infer<typeof GateConfig>;

export const TradeFigures = z.object({
  exportUsd: z.number().nonnegative(),
  importUsd: z.number().nonnegative(),
  localExportUsd: z.number().nonnegative(),
});
export type TradeFigures = z.infer<typeof TradeFigures>;

/** Figures of a past period (from–to, local dates inclusive) used when the log has no data for it. */
export const Baseline = TradeFigures.extend({ from: LocalDate, to: LocalDate });
export type Baseline = z.infer<typeof Baseline>;

export const UserConfig = z.discriminatedUnion('role', [
  z.object({ username: z.string().min(1), passwordHash: ScryptHash, role: z.literal('operator') }),
  z.object({ username: z.string().min(1), passwordHash: ScryptHash, role: z.literal('border_force'), gateId: GateId, force: Force }),
  z.object({
    username: z.string().min(1),
    passwordHash: ScryptHash,
    role: z.literal('enterprise'),
    taxCode: z.string().regex(/^\d{10}(-\d{3})?$/),
  }),
]);
export type UserConfig = z.infer<typeof UserConfig>;

export const Config = z.object({
  timezone: z.string().min(1).default('Asia/Ho_Chi_Minh'),
  gates: z.array(GateConfig).min(1),
  /** Yearly plans by year, e.g. `{ "2022": { exportUsd, importUsd, localExportUsd } }`. */
  plans: z.record(z.string().regex(/^\d{4}$/), TradeFigures).default({}),
  baselines: z.array(Baseline).default([]),
  users: z.array(UserConfig).default([]),
  map: z
    .object({
      /** Optional online tile layer, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; the offline layers are always drawn. */
      tileUrl: z.string().url().optional(),
      tileAttribution: z.string().optional(),
    })
    .default({}),
  alerts: z.object({ queueShareOfCapacity: z.number().positive().max(5).default(0.8) }).default({ queueShareOfCapacity: 0.8 }),
  /**
   * Recommended notices (đề xuất thông báo): when the queue forecast has a yard pass `fillShare` of its capacity
   * within `horizonHours`, operators are offered a stop-receiving notice starting at the first local midnight
   * `leadHours` from now, for the categories that make up `categoryShare` of what waits, for at most `maxDays`.
   */
  recommend: z
    .object({
      fillShare: z.number().positive().max(5).default(0.8),
      horizonHours: z.number().int().min(1).max(168).default(72),
      leadHours: z.number().min(0).max(240).default(12),
      categoryShare: z.number().positive().max(1).default(0.6),
      maxDays: z.number().int().min(1).max(60).default(21),
    })
    .default({ fillShare: 0.8, horizonHours: 72, leadHours: 12, categoryShare: 0.6, maxDays: 21 }),
  /** Notifications and webhooks (server/notify/README.md). */
  notifications: z
    .object({
      /** A border force hears when its worklist (trucks awaiting its check at its gate) reaches this many. */
      worklistThreshold: z.number().int().positive().default(50),
      /** An enterprise hears when a truck's estimated arrival moves by at least this many minutes. */
      etaMoveMinutes: z.number().int().positive().default(30),
      webhooks: z
        .object({
          /**
           * Refuse webhook URLs whose host is or resolves to a loopback, private, link-local or unique-local
           * address (SSRF: a URL must not reach the servers behind the console). Tests and the demo allow them.
           */
          allowPrivateAddresses: z.boolean().default(false),
          /** Per delivery attempt. */
          timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
          /** Exponential backoff with jitter between attempts: base · 2^(n−1), capped. */
          retryBaseMs: z.number().int().min(1).default(10_000),
          retryMaxMs: z.number().int().min(1).default(3_600_000),
          /** After this many failed attempts a delivery is dead (shown in the delivery log). */
          maxAttempts: z.number().int().min(1).max(100).default(12),
          /** Deliveries in flight per node at once. */
          concurrency: z.number().int().min(1).max(100).default(8),
          /** How often a node looks for due deliveries. */
          pollMs: z.number().int().min(10).max(60_000).default(1_000),
          /** Webhooks per enterprise. */
          maxPerOwner: z.number().int().min(1).max(100).default(5),
        })
        .prefault({}),
    })
    .prefault({}),
  /**
   * The hand-over procedure (shared/procedures.ts): `default` applies where no rule matches; `rules` are
   * scoped by gates, direction and categories, each from its `effectiveFrom` (omitted: since ever). Operators
   * add rules in the console; those live in the journal.
   */
  procedures: z
    .object({ default: Procedure.default(DEFAULT_PROCEDURE), rules: z.array(ProcedureRuleConfig).max(200).default([]) })
    .prefault({}),
  /**
   * Priority lanes: which categories are perishable (the fresh lane), and each gate's service pattern
   * (`priority` perishable trucks, then `regular` others); null or absent: first come, first served.
   */
  priority: z
    .object({
      perishable: z.array(CargoCategory).default([...DEFAULT_PERISHABLE]),
      patterns: z.record(GateId, ServicePattern.nullable()).default({}),
    })
    .prefault({}),
  /**
   * Customs' own results pulled on a schedule (server/customs/puller.ts) — the customs e-system's export as
   * CSV or JSON at `url` (format from Content-Type unless given); none without a url.
   */
  customsImport: z
    .object({
      url: z.string().url().refine((u) => /^https?:/.test(u), 'http or https').optional(),
      everyMinutes: z.number().int().min(1).max(1440).default(15),
      format: z.enum(['csv', 'json']).optional(),
      headers: z.record(z.string(), z.string()).default({}),
      timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    })
    .prefault({}),
  /** The office that issues notices, shown to the public and traders instead of the operator's username. */
  office: z.string().trim().min(1).max(200).default('Sở Công Thương tỉnh Lạng Sơn'),
});
export type Config = z.infer<typeof Config>;

/** What the console needs to know of the configuration (no secrets): GET /api/v1/config. */
export const PublicConfig = z.object({
  timezone: z.string(),
  map: z.object({ tileUrl: z.string().optional(), tileAttribution: z.string().optional() }),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
