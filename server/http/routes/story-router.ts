import express, { Router } from 'express';
import { tradeRows } from '../../../shared/report-tables.ts';
import { sendTableXlsx } from './xlsx.ts';
import { ClockControl } from '../../../shared/clock.ts';
import type { Config } from '../../../shared/config.ts';
import { TradeQuery, type TradeReport } from '../../../shared/trade.ts';
import type { AppCore } from '../../core/app-core.ts';
import { tradeReport } from '../../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { requireRole } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import { describeIssues } from '../../core/decide-batch.ts';

// Trade against plan (operators) and the server clock: read by anyone, its replay speed set by operators.

export interface StoryDeps {
  config: Config;
  core: AppCore;
  audit: AuditTrail;
}

export function storyRouter(deps: StoryDeps): Router {
  const { core, config } = deps;
  const router = Router();

  router.get('/trade', requireRole('operator'), (req, res) => {
    const query = TradeQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const q = query.data;
    if (q.to < q.from) return sendError(res, 'bad_request', 'to: must not be before from');
    const { gateId } = q;
    if (gateId !== undefined && !core.read((s) => s.gates.has(gateId))) return sendError(res, 'bad_request', `gateId: no gate ${gateId}`);
    const body: TradeReport = core.read((s) => tradeReport(s, { plans: config.plans, baselines: config.baselines }, q));
    res.json(body);
  });

  // The same report as an Excel file (the rows of the console's CSV).
  router.get('/trade.xlsx', requireRole('operator'), async (req, res) => {
    const query = TradeQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const q = query.data;
    if (q.to < q.from) return sendError(res, 'bad_request', 'to: must not be before from');
    const { gateId } = q;
    if (gateId !== undefined && !core.read((s) => s.gates.has(gateId))) return sendError(res, 'bad_request', `gateId: no gate ${gateId}`);
    const report = core.read((s) => tradeReport(s, { plans: config.plans, baselines: config.baselines }, q));
    await sendTableXlsx(res, { sheet: 'Kim ngạch', filename: `kim-ngach_${q.from}_${q.to}${gateId ? `_${gateId}` : ''}.xlsx`, rows: tradeRows(report) });
  });

  router.get('/clock', (_req, res) => {
    res.json(core.clockStatus());
  });

  router.post('/clock', requireRole('operator'), express.json({ limit: '4kb' }), async (req, res) => {
    const control = ClockControl.safeParse(req.body);
    if (!control.success) return sendError(res, 'bad_request', describeIssues(control.error));
    const outcome = core.setClock(control.data);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    const { status } = outcome;
    await deps.audit.record(req, 'clock_changed', { detail: { speed: status.speed, paused: status.paused } });
    res.json(status);
  });

  return router;
}
