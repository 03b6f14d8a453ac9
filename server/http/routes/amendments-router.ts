import express, { Router } from 'express';
import { AmendRequest } from '../../../shared/declarations.ts';
import { ERROR_STATUS, type ErrorBody } from '../../../shared/errors.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { idParam, requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// A trader corrects a declaration instead of redoing it (CONTRACT §1 "Amendments"): the enterprise that
// owns it sends the fields to change; the core records an `amended` event through the same path as a
// gate's. Another enterprise's declaration is "not found".

export function amendmentsRouter(deps: { core: AppCore; audit: AuditTrail }): Router {
  const { core } = deps;
  const router = Router();

  router.post('/declarations/:id/amendments', requireRole('enterprise'), express.json({ limit: '16kb' }), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const id = idParam(req);
    const body = AmendRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const outcome = await core.amendDeclaration({ username: user.username, taxCode: user.taxCode }, id, body.data.changes);
    if (!outcome.ok) {
      if (outcome.noticeId === undefined) return sendError(res, outcome.error, outcome.message);
      const refused: ErrorBody = { error: outcome.error, message: outcome.message, noticeId: outcome.noticeId };
      return res.status(ERROR_STATUS[outcome.error]).json(refused);
    }
    await deps.audit.record(req, 'declaration_amended', { target: id, detail: { eventId: outcome.eventId, changes: body.data.changes } });
    res.status(201).json(outcome.view);
  });

  return router;
}
