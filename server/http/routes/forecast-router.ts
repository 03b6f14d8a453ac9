import express, { Router } from 'express';
import { ForecastQuery, WhatIfRequest, type ForecastResponse, type GateProjection, type WhatIfResponse } from '../../../shared/forecast.ts';
import { GateId } from '../../../shared/primitives.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { draftProblem, forecastGate, projectionOf, type GateForecast } from '../../domain/index.ts';
import { whatIf } from '../../domain/recommend.ts';
import { requireRole, idParam } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// The queue ahead: a gate's forecast (anyone: traders plan with it) and, for operators, what a draft
// notice would do to it. Operators also dismiss recommended notices here (issuing one is POST /notices).

export function forecastRouter(deps: { core: AppCore; audit: AuditTrail }): Router {
  const { core } = deps;
  const router = Router();
  const lt = core.localTime;

  router.get('/gates/:id/forecast', (req, res) => {
    const id = GateId.safeParse(req.params.id);
    if (!id.success || !core.read((s) => s.gates.has(id.data))) return sendError(res, 'not_found', `no gate ${req.params.id}`);
    const query = ForecastQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const now = core.clock.now();
    const hourStart = lt.hourStart(lt.hourIndex(now));
    const body = core.read((s): ForecastResponse | undefined => {
      const f = forecastGate(s, id.data, now, { horizonHours: query.data.hours });
      return f && { gateId: id.data, asOf: lt.formatIso(now), horizonHours: query.data.hours, yardCapacity: f.yardCapacity, ...projectionOf(f, lt.formatIso, now, hourStart) };
    });
    if (!body) return sendError(res, 'not_found', `no gate ${id.data}`);
    res.json(body);
  });

  router.post('/forecast/what-if', requireRole('operator'), express.json({ limit: '64kb' }), (req, res) => {
    const draft = WhatIfRequest.safeParse(req.body);
    if (!draft.success) return sendError(res, 'bad_request', describeIssues(draft.error));
    const now = core.clock.now();
    const hourStart = lt.hourStart(lt.hourIndex(now));
    const project = (f: GateForecast): GateProjection => projectionOf(f, lt.formatIso, now, hourStart);
    const body = core.read((s): WhatIfResponse | string => {
      const problem = draftProblem(s, draft.data);
      if (problem) return `${problem.field}: ${problem.message}`;
      const w = whatIf(s, draft.data, now);
      return {
        asOf: lt.formatIso(now),
        horizonHours: w.horizonHours,
        gates: w.gates.map((g) => ({ gateId: g.gateId, yardCapacity: g.without.yardCapacity, without: project(g.without), with: project(g.with) })),
      };
    });
    if (typeof body === 'string') return sendError(res, 'bad_request', body);
    res.json(body);
  });

  router.post('/recommendations/:id/dismiss', requireRole('operator'), async (req, res) => {
    const id = idParam(req);
    const recommendation = core.recommendation(id);
    if (!recommendation) return sendError(res, 'not_found', `no recommended notice ${id}`);
    await deps.audit.record(req, 'recommendation_dismissed', {
      target: id,
      detail: { gateIds: recommendation.gateIds, direction: recommendation.direction, categories: recommendation.categories },
    });
    core.dismissRecommendation(id);
    res.status(204).end();
  });

  return router;
}
