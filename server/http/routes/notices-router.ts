import express, { Router } from 'express';
import { NoticeRequest } from '../../../shared/forecast.ts';
import { NoticesQuery, type Notice } from '../../../shared/notices.ts';
import { editedFields } from '../../core/recommendations.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { noticesDuring, publicNotice, recentNotices, seesNoticeAuthors } from '../../domain/index.ts';
import { idParam, requireRole, signedIn, userOf } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận): read by anyone, issued and lifted by operators.
// Parse → the core's use case (decide, store durably, apply, publish) → audit → respond.

export function noticesRouter(deps: { core: AppCore; audit: AuditTrail; office: string }): Router {
  const { core } = deps;
  const router = Router();

  router.get('/notices', (req, res) => {
    const query = NoticesQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const { from, to } = query.data;
    const now = core.clock.now();
    const notices: Notice[] = core.read((s) =>
      from === undefined && to === undefined
        ? recentNotices(s, now)
        : noticesDuring(s, from === undefined ? -Infinity : Date.parse(from), to === undefined ? Infinity : Date.parse(to), now),
    );
    // The public and traders see the issuing office; staff see who issued and lifted each notice.
    res.json({ notices: seesNoticeAuthors(userOf(req)?.role) ? notices : notices.map((n) => publicNotice(n, deps.office)) });
  });

  router.post('/notices', requireRole('operator'), express.json({ limit: '64kb' }), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const parsed = NoticeRequest.safeParse(req.body);
    if (!parsed.success) return sendError(res, 'bad_request', describeIssues(parsed.error));
    const { recommendationId, ...draft } = parsed.data;
    // Read before issuing: the notice itself makes the recommendation go away.
    const recommendation = recommendationId === undefined ? undefined : core.recommendation(recommendationId);
    const outcome = await core.issueNotice(user.username, draft);
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    const { notice } = outcome;
    const edited = recommendation && editedFields(recommendation, draft, core.localTime.formatIso);
    const from =
      recommendationId === undefined
        ? {}
        : { recommendation: { id: recommendationId, as: !edited ? 'no_longer_shown' : edited.length === 0 ? 'as_suggested' : 'edited', ...(edited?.length ? { edited } : {}) } };
    await deps.audit.record(req, 'notice_issued', { target: notice.id, detail: { gateIds: notice.gateIds, direction: notice.direction, ...from } });
    res.status(201).json(notice);
  });

  router.post('/notices/:id/lift', requireRole('operator'), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const outcome = await core.liftNotice(user.username, idParam(req));
    if (!outcome.ok) return sendError(res, outcome.error, outcome.message);
    await deps.audit.record(req, 'notice_lifted', { target: outcome.notice.id });
    res.json(outcome.notice);
  });

  return router;
}
