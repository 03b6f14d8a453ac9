import express, { Router } from 'express';
import { NotificationBody, NotificationsQuery, ReadRequest, type Notification, type NotificationList, type ReadResponse } from '../../../shared/notifications.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { audienceOf } from '../../notify/audience.ts';
import type { NotificationStore } from '../../store/notification-tables.ts';
import { requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';

// Every signed-in user's notification centre: their audience's notifications, newest first, with what
// they (by username) have read, and the unread count; marking one, some or all read.

export function notificationsRouter(deps: { notifications: NotificationStore }): Router {
  const { notifications } = deps;
  const router = Router();
  const signedInRoles = requireRole('operator', 'border_force', 'enterprise');

  router.get('/notifications', signedInRoles, async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const query = NotificationsQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const audience = audienceOf(user);
    if (audience === undefined) return sendError(res, 'forbidden', 'this account has no audience (gate, force or tax code missing)');
    const { limit, before } = query.data;
    const [rows, unread] = await Promise.all([
      notifications.list(audience, user.username, { limit, ...(before === undefined ? {} : { before }) }),
      notifications.unread(audience, user.username),
    ]);
    const list = rows.flatMap((row): Notification[] => {
      const body = NotificationBody.safeParse(JSON.parse(row.body));
      return body.success ? [{ ...body.data, read: row.read }] : [];
    });
    const last = rows.at(-1);
    const body: NotificationList = { notifications: list, unread, ...(rows.length === limit && last ? { next: last.seq } : {}) };
    res.json(body);
  });

  router.post('/notifications/read', signedInRoles, express.json({ limit: '64kb' }), async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    const parsed = ReadRequest.safeParse(req.body);
    if (!parsed.success) return sendError(res, 'bad_request', describeIssues(parsed.error));
    const audience = audienceOf(user);
    if (audience === undefined) return sendError(res, 'forbidden', 'this account has no audience (gate, force or tax code missing)');
    if ('all' in parsed.data) await notifications.markAllRead(audience, user.username);
    else await notifications.markRead(audience, user.username, parsed.data.ids);
    const body: ReadResponse = { unread: await notifications.unread(audience, user.username) };
    res.json(body);
  });

  return router;
}
