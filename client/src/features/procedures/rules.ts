import { CARGO_CATEGORIES, DIRECTIONS, type CargoCategory, type Direction, type Procedure, type ProcedurePreview, type ProceduresResponse } from '../../../../shared/index.ts';

// What the procedure screen reads off GET /procedures and a dry run (pure, tested without a browser).

type Rule = ProceduresResponse['rules'][number];
export type RuleStatus = 'scheduled' | 'in_force' | 'replaced';

export interface GateRules {
  gateId: string;
  /** The rules naming this gate, newest first, each with where it stands at `asOf`. */
  rules: { rule: Rule; status: RuleStatus }[];
  /** Some direction × category of this gate still falls to the default procedure. */
  defaultInForce: boolean;
}

const fromMs = (r: Rule): number => (r.effectiveFrom === null ? -Infinity : Date.parse(r.effectiveFrom));
const issuedMs = (r: Rule): number => (r.issuedAt === undefined ? -Infinity : Date.parse(r.issuedAt));
/** The server's precedence (server/domain/procedures.ts): the latest start, then the latest issued, then the id. */
const later = (a: Rule, b: Rule): boolean => fromMs(a) - fromMs(b) > 0 || (fromMs(a) === fromMs(b) && (issuedMs(a) - issuedMs(b) > 0 || (issuedMs(a) === issuedMs(b) && a.id > b.id)));
const covers = (r: Rule, direction: Direction, category: CargoCategory): boolean =>
  (r.direction === 'both' || r.direction === direction) && (r.categories === undefined || r.categories.includes(category));

/**
 * Per gate: its rules with their standing at `nowMs` (the server clock; the answer's `asOf` by default) —
 * scheduled (starts later), in force (the one a truck arriving now meets for at least one direction × goods)
 * or replaced — and whether the default still applies to some of its goods.
 */
export function rulesByGate(data: ProceduresResponse, gateIds: readonly string[], nowMs = Date.parse(data.asOf)): GateRules[] {
  const asOf = nowMs;
  return gateIds.map((gateId) => {
    const mine = data.rules.filter((r) => r.gateIds.includes(gateId));
    const started = mine.filter((r) => fromMs(r) <= asOf);
    const winners = new Set<string>();
    let defaultInForce = false;
    for (const direction of DIRECTIONS) {
      for (const category of CARGO_CATEGORIES) {
        let best: Rule | undefined;
        for (const r of started) if (covers(r, direction, category) && (best === undefined || later(r, best))) best = r;
        if (best) winners.add(best.id);
        else defaultInForce = true;
      }
    }
    const rules = mine.map((rule) => ({ rule, status: (fromMs(rule) > asOf ? 'scheduled' : winners.has(rule.id) ? 'in_force' : 'replaced') as RuleStatus }));
    return { gateId, rules, defaultInForce };
  });
}

export interface PreviewRow {
  gateId: string;
  direction: Direction;
  categories: CargoCategory[];
  before: Procedure;
  after: Procedure;
  /** In the yards now (they keep `before`). */
  queued: number;
  /** On the way (they meet `after` if they arrive from the effective time). */
  expected: number;
}

/** A dry run's changes with the same gate, direction and before → after folded into one row (goods listed). */
export function previewRows(preview: ProcedurePreview): PreviewRow[] {
  const rows = new Map<string, PreviewRow>();
  for (const c of preview.changes) {
    const key = `${c.gateId}|${c.direction}|${JSON.stringify(c.before)}|${JSON.stringify(c.after)}`;
    const row = rows.get(key);
    if (row) {
      row.categories.push(c.category);
      row.queued += c.queued;
      row.expected += c.expected;
    } else rows.set(key, { gateId: c.gateId, direction: c.direction, categories: [c.category], before: c.before, after: c.after, queued: c.queued, expected: c.expected });
  }
  return [...rows.values()];
}
