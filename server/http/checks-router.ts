import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { CheckRequest, type WorklistResponse } from '../../shared/declarations.ts';
import type { CheckedEvent } from '../../shared/events.ts';
import { Force } from '../../shared/primitives.ts';
import type { CommitResult, LiveCore } from '../core.ts';
import { declarationView, statusOf, worklist } from '../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { idParam, requireRole, signedIn } from './auth.ts';
import { sendError } from './errors.ts';
import { describeIssues, ingestBatch } from './ingest.ts';

// Border-force checks (kiểm tra, xác nhận): a gate's worklist, and confirm/reject of one truck.
// A check is a `checked` event recorded through the same path as gate events: decide → commit → apply → live.

export interface ChecksLive {
  markChanged(gateIds: Iterable<string>, commit: CommitResult): void;
}

export function checksRouter(deps: { core: LiveCore; audit: AuditTrail; live: ChecksLive }): Router {
  const { core } = deps;
  const router = Router();

  router.get('/gates/:id/worklist', requireRole('operator', 'border_force'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const gateId = idParam(req);
    if (!core.state.gates.has(gateId)) return sendError(res, 'not_found', `no gate ${gateId}`);
    const asked = req.query.force === undefined ? undefined : Force.safeParse(req.query.force);
    if (asked && !asked.success) return sendError(res, 'bad_request', 'force: expected border_guard, customs or quarantine');
    const force = asked?.data ?? user.force;
    if (force === undefined) return sendError(res, 'bad_request', 'force: required for operators (?force=border_guard|customs|quarantine)');
    if (user.role === 'border_force' && (user.gateId !== gateId || user.force !== force)) {
      return sendError(res, 'forbidden', `you work for ${user.force} at ${user.gateId} only`);
    }
    const body: WorklistResponse = { gateId, force, asOf: core.state.localTime.formatIso(core.clock.now()), items: worklist(core.state, gateId, force) };
    res.json(body);
  });

  router.post('/declarations/:id/checks', requireRole('border_force'), express.json({ limit: '16kb' }), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const id = idParam(req);
    const decl = core.state.declarations.get(id);
    // Another gate's declaration is "not found" for this user, so existence is not revealed.
    if (!decl || decl.declared.gateId !== user.gateId) return sendError(res, 'not_found', `no declaration ${id} at your gate`);
    const body = CheckRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    if (body.data.force !== user.force) return sendError(res, 'forbidden', `you record checks for ${user.force} only`);
    const status = statusOf(decl);
    if (status === 'cleared' || status === 'cancelled') return sendError(res, 'conflict', `declaration ${id} is ${status}; it can no longer be checked`);

    const now = core.clock.now();
    const event: CheckedEvent = {
      eventId: `chk-${randomUUID()}`,
      type: 'checked',
      declarationId: id,
      gateId: decl.declared.gateId,
      occurredAt: core.state.localTime.formatIso(now),
      force: body.data.force,
      result: body.data.result,
      ...(body.data.note ? { note: body.data.note } : {}),
    };
    const outcome = ingestBatch(core, event.gateId, [{ ok: true, value: event }]);
    const rejected = outcome.result.rejected[0];
    if (rejected) return sendError(res, 'conflict', rejected.message);
    deps.audit.record(req, 'check_recorded', { target: id, detail: { force: event.force, result: event.result, eventId: event.eventId } });
    const view = declarationView(core.state, id, core.eventsOf(id), now);
    res.status(201).json(view);
    deps.live.markChanged(outcome.changedGates, outcome.commit);
  });

  return router;
}
