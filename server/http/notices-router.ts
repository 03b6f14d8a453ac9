import express, { Router } from 'express';
import { NoticeDraft, NoticesQuery, type Notice } from '../../shared/notices.ts';
import type { LiveCore } from '../core.ts';
import { draftProblem, liftCheck, nextNoticeId, noticesDuring, noticeView, publicNotice, recentNotices, seesNoticeAuthors } from '../domain/index.ts';
import type { AuditTrail } from './audit-trail.ts';
import { idParam, requireRole, signedIn, userOf } from './auth.ts';
import { sendError } from './errors.ts';
import { describeIssues } from './ingest.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận): read by anyone, issued and lifted by operators.
// Handler order: validate → decide (domain) → store durably → state → audit → respond → live.

export interface NoticesLive {
  noticesChanged(noticeIds: Iterable<string>, gateIds: Iterable<string>): void;
}

export function noticesRouter(deps: { core: LiveCore; audit: AuditTrail; live: NoticesLive; office: string }): Router {
  const { core } = deps;
  const router = Router();

  router.get('/notices', (req, res) => {
    const query = NoticesQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const { from, to } = query.data;
    const now = core.clock.now();
    const notices: Notice[] =
      from === undefined && to === undefined
        ? recentNotices(core.state, now)
        : noticesDuring(core.state, from === undefined ? -Infinity : Date.parse(from), to === undefined ? Infinity : Date.parse(to), now);
    // The public and traders see the issuing office; staff see who issued and lifted each notice.
    res.json({ notices: seesNoticeAuthors(userOf(req)?.role) ? notices : notices.map((n) => publicNotice(n, deps.office)) });
  });

  router.post('/notices', requireRole('operator'), express.json({ limit: '64kb' }), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const draft = NoticeDraft.safeParse(req.body);
    if (!draft.success) return sendError(res, 'bad_request', describeIssues(draft.error));
    const problem = draftProblem(core.state, draft.data);
    if (problem) return sendError(res, 'bad_request', `${problem.field}: ${problem.message}`);
    const now = core.clock.now();
    const issuedAt = core.state.localTime.formatIso(now);
    const id = nextNoticeId(core.state, issuedAt.slice(0, 4));
    const record = core.saveNotice({ ...draft.data, id, issuedAt, issuedBy: user.username });
    deps.audit.record(req, 'notice_issued', { target: id, detail: { gateIds: draft.data.gateIds, direction: draft.data.direction } });
    res.status(201).json(noticeView(record, now));
    deps.live.noticesChanged([id], draft.data.gateIds);
  });

  router.post('/notices/:id/lift', requireRole('operator'), (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const now = core.clock.now();
    const check = liftCheck(core.state, idParam(req), now);
    if (!check.ok) return sendError(res, check.reason, check.message);
    const { notice } = check.record;
    const record = core.saveNotice({ ...notice, liftedAt: core.state.localTime.formatIso(now), liftedBy: user.username });
    deps.audit.record(req, 'notice_lifted', { target: notice.id });
    res.json(noticeView(record, now));
    deps.live.noticesChanged([notice.id], notice.gateIds);
  });

  return router;
}
