import express, { Router } from 'express';
import { ProcedureChangeRequest, ServicePatternRequest, StepRequest, type ProceduresResponse } from '../../../shared/procedures.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { proceduresView } from '../../domain/index.ts';
import { bearerOf, idParam, requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// The procedure as data (quy trình giao nhận): anyone reads the rules and each gate's service pattern;
// operators change a scope's procedure from a time now or later (a dry run first shows what it does to the
// trucks in the yards and on the way) and set service patterns; the actor a truck's procedure names
// confirms its hand-over step — a border force signed in, or the yard operator's system with its gate key.

export function proceduresRouter(deps: { core: AppCore; audit: AuditTrail; gateOfKey(token: string): string | undefined }): Router {
  const { core } = deps;
  const router = Router();
  const json = express.json({ limit: '32kb' });
  const gateOf = (req: express.Request): string | undefined => {
    const token = bearerOf(req);
    return token === undefined ? undefined : deps.gateOfKey(token);
  };

  router.get('/procedures', (_req, res) => {
    const now = core.clock.now();
    const body: ProceduresResponse = { asOf: core.localTime.formatIso(now), ...core.read((s) => proceduresView(s, now)) };
    res.json(body);
  });

  router.post('/procedures', requireRole('operator'), json, async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const body = ProcedureChangeRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    if (req.query.dryRun === 'true') {
      const preview = core.previewProcedure(body.data);
      if (!preview.ok) return sendError(res, preview.error, preview.message);
      return res.json({ dryRun: true, preview: preview.value });
    }
    const outcome = await core.changeProcedure(user.username, body.data);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    const { change, preview } = outcome.value;
    await deps.audit.record(req, 'procedure_changed', {
      target: change.id,
      detail: { gateIds: change.gateIds, direction: change.direction, categories: change.categories ?? null, effectiveFrom: change.effectiveFrom, procedure: change.procedure, expectedInScope: preview.expectedInScope },
    });
    res.status(201).json({ change, preview });
  });

  router.post('/service-patterns', requireRole('operator'), json, async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const body = ServicePatternRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const outcome = await core.setServicePattern(user.username, body.data);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    await deps.audit.record(req, 'service_pattern_changed', { target: outcome.value.id, detail: { gateIds: body.data.gateIds, pattern: body.data.pattern } });
    res.status(201).json(outcome.value);
  });

  /** A border force signed in, or — with a gate API key as the bearer — the yard operator of that gate. */
  const forceOrYard: express.RequestHandler = (req, res, next) => (gateOf(req) !== undefined ? next() : requireRole('border_force')(req, res, next));

  router.post('/declarations/:id/steps', forceOrYard, json, async (req, res) => {
    const yardGate = gateOf(req);
    const user = yardGate === undefined ? signedIn(req, res) : undefined;
    if (yardGate === undefined && !user) return;
    const by = yardGate !== undefined ? { gateId: yardGate, actor: 'yard_operator' as const } : { gateId: user?.gateId, actor: user?.force };
    const id = idParam(req);
    // Another gate's declaration is "not found" before anything else, so existence is not revealed.
    if (core.read((s) => s.declarations.get(id)?.declared.gateId) !== by.gateId) return sendError(res, 'not_found', `no declaration ${id} at your gate`);
    const body = StepRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const outcome = await core.recordStep(by, id, body.data);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    await deps.audit.record(req, 'step_recorded', {
      target: id,
      detail: { step: body.data.step, by: by.actor, result: body.data.result, eventId: outcome.eventId },
      ...(yardGate === undefined ? {} : { actor: `gate:${yardGate}` }),
    });
    res.status(201).json(outcome.view);
  });

  return router;
}
