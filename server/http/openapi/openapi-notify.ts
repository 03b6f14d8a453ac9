import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { ErrorBody } from '../../../shared/errors.ts';
import { DeliveryList, NotificationList, NotificationsQuery, ReadRequest, ReadResponse, WebhookCreated, WebhookDraft, WebhookList } from '../../../shared/notifications.ts';

// OpenAPI paths of notifications (every signed-in user) and webhooks (enterprises).

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const session = [{ session: [] }];
const id = z.object({ id: z.string() });

function answers(status: string, description: string, schema: z.ZodType | undefined, errors: Record<string, string>): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = { [status]: schema ? { description, ...json(schema) } : { description } };
  for (const [code, text] of Object.entries({ '401': 'no session', '500': 'internal error', '503': 'the store is unavailable', ...errors })) {
    out[code] = { description: text, ...json(ErrorBody) };
  }
  return out;
}

const SIGNING =
  'Deliveries: POST of {id, type, occurredAt, data} (data = the notification\'s params) with headers X-CKS-Id (the id; at least once, so deduplicate by it), ' +
  'X-CKS-Timestamp (unix seconds) and X-CKS-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>"> under the secret. Any 2xx acknowledges; ' +
  'anything else, a time-out or a refused connection is retried with exponential backoff until the delivery is dead.';

/** Webhooks take a session (enterprises) or a gate API key (gate systems). */
const sessionOrGateKey: Record<string, string[]>[] = [{ session: [] }, { gateKey: [] }];

export const notifyPaths: ZodOpenApiPathsObject = {
  '/api/v1/notifications': {
    get: {
      summary: "The signed-in user's notifications (their role's audience), newest first, with the unread count",
      security: session,
      requestParams: { query: NotificationsQuery },
      responses: answers('200', 'a page of notifications; `next` pages on', NotificationList, { '400': 'bad limit/before', '403': 'no audience' }),
    },
  },
  '/api/v1/notifications/read': {
    post: {
      summary: 'Mark notifications read for the signed-in user: {ids} or {all: true}',
      security: session,
      requestBody: { required: true, ...json(ReadRequest) },
      responses: answers('200', 'the unread count after', ReadResponse, { '400': 'malformed body', '403': 'no audience' }),
    },
  },
  '/api/v1/webhooks': {
    get: { summary: "The caller's webhooks: a signed-in enterprise's, or a gate system's (its gate API key as the bearer)", security: sessionOrGateKey, responses: answers('200', 'webhooks', WebhookList, { '403': 'not an enterprise' }) },
    post: {
      summary: `Register a webhook URL — an enterprise (signed in) hears of its trucks, a gate system (gate API key) of the notices starting and ending at its gate; the signing secret is in this answer only. ${SIGNING}`,
      security: sessionOrGateKey,
      requestBody: { required: true, ...json(WebhookDraft) },
      responses: answers('201', 'the webhook and its secret (shown once)', WebhookCreated, {
        '400': 'not an http(s) URL, or a private/loopback address where the deployment refuses them',
        '403': 'not an enterprise',
        '409': 'too many webhooks',
      }),
    },
  },
  '/api/v1/webhooks/{id}': {
    delete: {
      summary: 'Delete a webhook and its pending deliveries',
      security: sessionOrGateKey,
      requestParams: { path: id },
      responses: answers('204', 'deleted', undefined, { '403': 'not an enterprise', '404': 'no such webhook of yours' }),
    },
  },
  '/api/v1/webhooks/{id}/deliveries': {
    get: {
      summary: 'The delivery log of a webhook, newest first (state, attempts, last status or error)',
      security: sessionOrGateKey,
      requestParams: { path: id },
      responses: answers('200', 'deliveries', DeliveryList, { '403': 'not an enterprise', '404': 'no such webhook of yours' }),
    },
  },
  '/api/v1/webhooks/{id}/test': {
    post: {
      summary: 'Queue a `ping` delivery to the webhook',
      security: sessionOrGateKey,
      requestParams: { path: id },
      responses: answers('202', 'queued; its id', z.object({ id: z.string() }), { '403': 'not an enterprise', '404': 'no such webhook of yours' }),
    },
  },
};
