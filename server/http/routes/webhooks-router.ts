import express, { Router } from 'express';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../../../shared/config.ts';
import { WebhookDraft, type Delivery, type DeliveryList, type Webhook, type WebhookCreated, type WebhookList } from '../../../shared/notifications.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { urlProblem } from '../../notify/url-policy.ts';
import type { SecretSealer } from '../../security/sealed-secrets.ts';
import type { DeliveryRow, WebhookRow, WebhookStore } from '../../store/notification-tables.ts';
import { bearerOf, idParam, requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// Webhooks of an enterprise (signed in) or a gate system (its gate API key as the bearer): register a URL
// (the signing secret is shown once, in this answer only), list, delete, read the delivery log, send a test
// ping. Another owner's webhook is "not found". An enterprise hears of its trucks, a gate system of the
// notices that start and end at its gate.

const MAX_LOG = 100;
const iso = (ms: number): string => new Date(ms).toISOString();

const webhookOf = (w: WebhookRow): Webhook => ({ id: w.id, url: w.url, createdAt: iso(w.createdAtMs) });
function deliveryOf(d: DeliveryRow): Delivery {
  return {
    id: d.id,
    eventId: d.eventId,
    type: d.type,
    state: d.state,
    attempts: d.attempts,
    createdAt: iso(d.createdAtMs),
    ...(d.state === 'pending' ? { nextAttemptAt: iso(d.nextAtMs) } : {}),
    ...(d.deliveredAtMs === undefined ? {} : { deliveredAt: iso(d.deliveredAtMs) }),
    ...(d.lastStatus === undefined ? {} : { lastStatus: d.lastStatus }),
    ...(d.lastError === undefined ? {} : { lastError: d.lastError }),
  };
}

export function webhooksRouter(deps: {
  webhooks: WebhookStore;
  sealer: SecretSealer;
  settings: Config['notifications']['webhooks'];
  audit: AuditTrail;
  isoNow(): string;
  /** Look for due deliveries now (after a test ping). */
  kick(): void;
  /** The gate a bearer token is the API key of, if it is one. */
  gateOfKey(token: string): string | undefined;
}): Router {
  const { webhooks } = deps;
  const router = Router();
  const gateOf = (req: express.Request): string | undefined => {
    const token = bearerOf(req);
    return token === undefined ? undefined : deps.gateOfKey(token);
  };
  const enterpriseOnly = requireRole('enterprise');
  /** A gate key passes as its gate system; anyone else must be a signed-in enterprise. */
  const enterprise: express.RequestHandler = (req, res, next) => (gateOf(req) !== undefined ? next() : enterpriseOnly(req, res, next));
  /** Who is acting, for the audit log: the gate system, else the user (the trail's default). */
  const actor = (req: express.Request): { actor?: string } => {
    const gate = gateOf(req);
    return gate === undefined ? {} : { actor: `gate:${gate}` };
  };
  /** The owner: `gate:<id>` for a gate key, else the signed-in enterprise's tax code; or an answer already sent. */
  const ownerOf = (req: express.Request, res: express.Response): string | undefined => {
    const gate = gateOf(req);
    if (gate !== undefined) return `gate:${gate}`;
    const user = signedIn(req, res);
    if (!user) return undefined;
    if (user.taxCode === undefined) sendError(res, 'forbidden', 'this account has no tax code');
    return user.taxCode;
  };
  const ownHook = async (req: express.Request, res: express.Response): Promise<WebhookRow | undefined> => {
    const owner = ownerOf(req, res);
    if (owner === undefined) return undefined;
    const hook = await webhooks.get(idParam(req));
    if (hook?.owner === owner) return hook;
    sendError(res, 'not_found', `no webhook ${idParam(req)}`);
    return undefined;
  };

  router.get('/webhooks', enterprise, async (req, res) => {
    const owner = ownerOf(req, res);
    if (owner === undefined) return;
    const body: WebhookList = { webhooks: (await webhooks.list(owner)).map(webhookOf) };
    res.json(body);
  });

  router.post('/webhooks', enterprise, express.json({ limit: '16kb' }), async (req, res) => {
    const owner = ownerOf(req, res);
    if (owner === undefined) return;
    const parsed = WebhookDraft.safeParse(req.body);
    if (!parsed.success) return sendError(res, 'bad_request', describeIssues(parsed.error));
    const refused = await urlProblem(parsed.data.url, deps.settings.allowPrivateAddresses);
    if (refused !== undefined) return sendError(res, 'bad_request', `url: ${refused}`);
    if ((await webhooks.list(owner)).length >= deps.settings.maxPerOwner) {
      return sendError(res, 'conflict', `at most ${deps.settings.maxPerOwner} webhooks per owner; delete one first`);
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const row: WebhookRow = { id: `wh-${randomUUID()}`, owner, url: parsed.data.url, sealedSecret: deps.sealer.seal(secret), createdAtMs: Date.now() };
    await webhooks.add(row);
    await deps.audit.record(req, 'webhook_added', { target: row.id, detail: { url: row.url }, ...actor(req) });
    const body: WebhookCreated = { ...webhookOf(row), secret };
    res.status(201).json(body);
  });

  router.delete('/webhooks/:id', enterprise, async (req, res) => {
    const hook = await ownHook(req, res);
    if (!hook) return;
    await webhooks.remove(hook.owner, hook.id);
    await deps.audit.record(req, 'webhook_removed', { target: hook.id, detail: { url: hook.url }, ...actor(req) });
    res.status(204).end();
  });

  router.get('/webhooks/:id/deliveries', enterprise, async (req, res) => {
    const hook = await ownHook(req, res);
    if (!hook) return;
    const body: DeliveryList = { deliveries: (await webhooks.deliveries(hook.id, MAX_LOG)).map(deliveryOf) };
    res.json(body);
  });

  router.post('/webhooks/:id/test', enterprise, async (req, res) => {
    const hook = await ownHook(req, res);
    if (!hook) return;
    const eventId = `ping-${randomUUID()}`;
    const payload = JSON.stringify({ id: eventId, type: 'ping', occurredAt: deps.isoNow(), data: { webhookId: hook.id } });
    await webhooks.enqueue(hook.id, { id: `${eventId}|${hook.id}`, eventId, type: 'ping', body: payload }, Date.now());
    deps.kick();
    res.status(202).json({ id: eventId });
  });

  return router;
}
