import express, { Router } from 'express';
import { CheckRequest, type WorklistResponse } from '../../../shared/declarations.ts';
import { Force } from '../../../shared/primitives.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { worklist } from '../../domain/index.ts';
import { idParam, requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// Border-force checks (kiểm tra, xác nhận): a gate's worklist, and confirm/reject of one truck.
// A check is a `checked` event recorded by the core through the same path as gate events.

export function checksRouter(deps: { core: AppCore; audit: AuditTrail }): Router {
  const { core } = deps;
  const router = Router();

  router.get('/gates/:id/worklist', requireRole('operator', 'border_force'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const gateId = idParam(req);
    if (!core.read((s) => s.gates.has(gateId))) return sendError(res, 'not_found', `no gate ${gateId}`);
    const asked = req.query.force === undefined ? undefined : Force.safeParse(req.query.force);
    if (asked && !asked.success) return sendError(res, 'bad_request', 'force: expected border_guard, customs or quarantine');
    const force = asked?.data ?? user.force;
    if (force === undefined) return sendError(res, 'bad_request', 'force: required for operators (?force=border_guard|customs|quarantine)');
    if (user.role === 'border_force' && (user.gateId !== gateId || user.force !== force)) {
      return sendError(res, 'forbidden', `you work for ${user.force} at ${user.gateId} only`);
    }
    const body: WorklistResponse = { gateId, force, asOf: core.localTime.formatIso(core.clock.now()), items: core.read((s) => worklist(s, gateId, force)) };
    res.json(body);
  });

  router.post('/declarations/:id/checks', requireRole('border_force'), express.json({ limit: '16kb' }), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const id = idParam(req);
    // Another gate's declaration is "not found" before anything else, so existence is not revealed.
    if (core.read((s) => s.declarations.get(id)?.declared.gateId) !== user.gateId) return sendError(res, 'not_found', `no declaration ${id} at your gate`);
    const body = CheckRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const outcome = await core.recordCheck({ gateId: user.gateId, force: user.force }, id, body.data);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    await deps.audit.record(req, 'check_recorded', { target: id, detail: { force: body.data.force, result: body.data.result, eventId: outcome.eventId } });
    res.status(201).json(outcome.view);
  });

  return router;
}
