import express, { Router } from 'express';
import type { ClockStatus } from '../../shared/clock.ts';
import { ClockControl } from '../../shared/clock.ts';
import type { Config } from '../../shared/config.ts';
import { TradeQuery, type TradeReport } from '../../shared/trade.ts';
import type { LiveCore, SimulatedClock } from '../core.ts';
import { tradeReport } from '../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { requireRole } from './auth.ts';
import { sendError } from './errors.ts';
import { describeIssues } from './ingest.ts';

// Trade against plan (operators) and the server clock: read by anyone, its replay speed set by operators.

export interface StoryDeps {
  config: Config;
  core: LiveCore;
  audit: AuditTrail;
  /** Present when the clock is simulated (a replay): its speed can be changed. */
  simulated?: SimulatedClock;
  clockStatus(): ClockStatus;
  onClockChanged(): void;
}

export function storyRouter(deps: StoryDeps): Router {
  const { core, config } = deps;
  const router = Router();

  router.get('/trade', requireRole('operator'), (req, res) => {
    const query = TradeQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const q = query.data;
    if (q.to < q.from) return sendError(res, 'bad_request', 'to: must not be before from');
    if (q.gateId !== undefined && !core.state.gates.has(q.gateId)) return sendError(res, 'bad_request', `gateId: no gate ${q.gateId}`);
    const body: TradeReport = tradeReport(core.state, { plans: config.plans, baselines: config.baselines }, q);
    res.json(body);
  });

  router.get('/clock', (_req, res) => {
    res.json(deps.clockStatus());
  });

  router.post('/clock', requireRole('operator'), express.json({ limit: '4kb' }), (req, res) => {
    const control = ClockControl.safeParse(req.body);
    if (!control.success) return sendError(res, 'bad_request', describeIssues(control.error));
    const clock = deps.simulated;
    if (!clock) return sendError(res, 'conflict', 'the server clock is wall time here; only a replay clock can change speed');
    if (control.data.speed !== undefined) clock.setSpeed(control.data.speed);
    if (control.data.paused !== undefined) clock.setPaused(control.data.paused);
    const status = deps.clockStatus();
    deps.audit.record(req, 'clock_changed', { detail: { speed: status.speed, paused: status.paused } });
    res.json(status);
    deps.onClockChanged();
  });

  return router;
}
