import { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { Alert } from '../../../shared/alerts.ts';
import { AuditQuery, AuditResponse } from '../../../shared/audit.ts';
import { LoginRequest, LoginResponse, SessionUser } from '../../../shared/auth.ts';
import { CheckRequest, DeclarationView, WorklistResponse } from '../../../shared/declarations.ts';
import { ArrivedEvent, CancelledEvent, CheckedEvent, ClearedEvent, DeclaredEvent } from '../../../shared/events.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { ClockControl, ClockStatus } from '../../../shared/clock.ts';
import { TradeQuery, TradeReport } from '../../../shared/trade.ts';
import { NoticeRequest, WhatIfRequest, WhatIfResponse } from '../../../shared/forecast.ts';
import { Notice, NoticesQuery } from '../../../shared/notices.ts';
import { Force, GateId } from '../../../shared/primitives.ts';

// OpenAPI paths of the people-at-work API: sign-in, notices, worklists and checks, reads, audit.

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const session = [{ session: [] }];
const DEFAULT_ERRORS: Record<string, string> = { '401': 'no session, or the token is invalid, expired, signed out or revoked', '500': 'internal error' };

function answers(status: string, description: string, schema: z.ZodType, errors: Record<string, string>): Record<string, ZodOpenApiResponseObject> {
  const out: Record<string, ZodOpenApiResponseObject> = { [status]: { description, ...json(schema) } };
  for (const [code, text] of Object.entries({ ...DEFAULT_ERRORS, ...errors })) out[code] = { description: text, ...json(ErrorBody) };
  return out;
}

// Plates are normalised by a zod transform, which OpenAPI cannot show as output: document them as strings.
const PlateOut = z.string().meta({ description: 'normalised plate: upper case, no spaces' });
const VehicleOut = z.object({ plate: PlateOut, trailerPlate: PlateOut.optional(), country: z.enum(['VN', 'CN']) });
const EventOut = z.discriminatedUnion('type', [DeclaredEvent.extend({ vehicle: VehicleOut }), ArrivedEvent, CheckedEvent, ClearedEvent, CancelledEvent]);
const DeclarationOut = DeclarationView.extend({ vehicle: VehicleOut, events: z.array(EventOut) }).meta({ id: 'DeclarationView' });
const DeclarationListOut = z.object({ declarations: z.array(DeclarationOut) });
const NoticeList = z.object({ notices: z.array(Notice) });
const AlertList = z.object({ alerts: z.array(Alert) });
const id = z.object({ id: z.string() });

export const peoplePaths: ZodOpenApiPathsObject = {
  '/api/v1/auth/login': {
    post: {
      summary: 'Sign in; the token goes in Authorization: Bearer and in the Socket.IO handshake auth.token',
      requestBody: { required: true, ...json(LoginRequest) },
      responses: answers('200', 'session token, its expiry and the user', LoginResponse, {
        '400': 'malformed body',
        '401': 'wrong username or password (one answer for both)',
        '429': 'too many FAILED sign-ins from this address (Retry-After); correct ones never count',
      }),
    },
  },
  '/api/v1/auth/logout': {
    post: {
      summary: 'Sign out: this session ends now on every node, on HTTP and on its live sockets (which get `session` {reason: signed_out})',
      security: session,
      responses: { '204': { description: 'signed out' }, '401': { description: 'no session', ...json(ErrorBody) } },
    },
  },
  '/api/v1/users/{id}/revoke-sessions': {
    post: {
      summary: 'End every session of a user now (operator; also `npm run user -- revoke`); audited',
      security: session,
      requestParams: { path: id },
      responses: {
        '204': { description: 'revoked' },
        '401': { description: 'no session', ...json(ErrorBody) },
        '403': { description: 'not an operator', ...json(ErrorBody) },
        '404': { description: 'no such user', ...json(ErrorBody) },
      },
    },
  },
  '/api/v1/auth/me': { get: { summary: 'The signed-in user', security: session, responses: answers('200', 'the user', SessionUser, {}) } },
  '/api/v1/forecast/what-if': {
    post: {
      summary: 'What a draft notice would do (operator): each of its gates’ projected queue without and with it, 72 h or until a day after its end (≤ 21 days)',
      security: session,
      requestBody: { required: true, ...json(WhatIfRequest) },
      responses: answers('200', 'projections without and with the draft', WhatIfResponse, { '400': 'invalid draft (the message names the field)', '403': 'not an operator' }),
    },
  },
  '/api/v1/recommendations/{id}/dismiss': {
    post: {
      summary: 'Dismiss a recommended notice (operator); audited, and hidden on every node',
      security: session,
      requestParams: { path: id },
      responses: {
        '204': { description: 'dismissed' },
        '401': { description: 'no session', ...json(ErrorBody) },
        '403': { description: 'not an operator', ...json(ErrorBody) },
        '404': { description: 'no such recommendation shown now', ...json(ErrorBody) },
      },
    },
  },
  '/api/v1/notices': {
    get: {
      summary: 'Without a period: active, upcoming and recently ended stop-receiving notices, newest first. With from/to: every notice in force during it',
      requestParams: { query: NoticesQuery },
      responses: answers('200', 'notices', NoticeList, { '400': 'bad from/to', '401': 'not used' }),
    },
    post: {
      summary: 'Issue a stop-receiving notice (operator); with `recommendationId` the audit log records whether the recommended notice was issued as suggested or edited',
      security: session,
      requestBody: { required: true, ...json(NoticeRequest) },
      responses: answers('201', 'the notice, numbered TB-<year>-<NNNN>', Notice, { '400': 'invalid draft (the message names the field)', '403': 'not an operator' }),
    },
  },
  '/api/v1/notices/{id}/lift': {
    post: {
      summary: 'Lift a notice now (operator)',
      security: session,
      requestParams: { path: id },
      responses: answers('200', 'the lifted notice', Notice, { '403': 'not an operator', '404': 'unknown notice', '409': 'already lifted or expired' }),
    },
  },
  '/api/v1/gates/{id}/worklist': {
    get: {
      summary: "Queued trucks not yet confirmed by a force, oldest arrival first (operator; that gate's force)",
      security: session,
      requestParams: { path: z.object({ id: GateId }), query: z.object({ force: Force.optional() }) },
      responses: answers('200', 'the worklist', WorklistResponse, { '400': 'force missing or invalid', '403': 'another gate or force', '404': 'unknown gate' }),
    },
  },
  '/api/v1/declarations/{id}/checks': {
    post: {
      summary: 'Record a check (border force of that gate and force)',
      security: session,
      requestParams: { path: id },
      requestBody: { required: true, ...json(CheckRequest) },
      responses: answers('201', 'the declaration after the check', DeclarationOut, {
        '400': 'invalid body',
        '403': 'not a border force, or another force',
        '404': 'no such declaration at your gate',
        '409': 'the truck is cleared or cancelled',
      }),
    },
  },
  '/api/v1/declarations/{id}': {
    get: {
      summary: "A declaration with its events and derived state (operator; its gate's forces; the owning enterprise)",
      security: session,
      requestParams: { path: id },
      responses: answers('200', 'the declaration', DeclarationOut, { '404': 'unknown, or not yours to see' }),
    },
  },
  '/api/v1/vehicles': {
    get: {
      summary: 'Declarations of a plate, newest first (operator: all gates; border force: its gate), at most 100',
      security: session,
      requestParams: { query: z.object({ plate: z.string().min(2) }) },
      responses: answers('200', 'exact matches, plus substring matches for 3+ characters', DeclarationListOut, { '400': 'plate missing', '403': 'not allowed' }),
    },
  },
  '/api/v1/lookup': {
    get: {
      summary: 'The console\'s look-up: a declaration number or a plate (current or former; letters and digits only, so 64r52281 finds 64R-522.81), newest first, at most 100; nothing found is an empty list',
      security: session,
      requestParams: { query: z.object({ q: z.string().min(1) }) },
      responses: answers('200', 'the declaration of that number and the declarations of that plate the caller may read', DeclarationListOut, { '400': 'q missing', '403': 'not allowed' }),
    },
  },
  '/api/v1/my/declarations': {
    get: { summary: "The enterprise's own declarations, newest first, at most 500", security: session, responses: answers('200', 'own declarations', DeclarationListOut, { '403': 'not an enterprise' }) },
  },
  '/api/v1/alerts': {
    get: { summary: 'Queues at or above their share of yard capacity (operator)', security: session, responses: answers('200', 'alerts in force', AlertList, { '403': 'not an operator' }) },
  },
  '/api/v1/audit': {
    get: {
      summary: 'The audit log, newest first (operator)',
      security: session,
      requestParams: { query: AuditQuery },
      responses: answers('200', 'entries', AuditResponse, { '400': 'bad query', '403': 'not an operator' }),
    },
  },
};

export const storyPaths: ZodOpenApiPathsObject = {
  '/api/v1/trade': {
    get: {
      summary: 'Trade against plan (operator): cleared value of the period by direction, plan, % of plan, same period a year earlier, by gate and by category',
      security: session,
      requestParams: { query: TradeQuery },
      responses: answers('200', 'the trade report', TradeReport, { '400': 'bad period or gate', '403': 'operators only' }),
    },
  },
  '/api/v1/clock': {
    get: { summary: 'The server clock: wall time, or the replayed time and speed', responses: answers('200', 'clock status', ClockStatus, { '401': 'not used' }) },
    post: {
      summary: 'Change the replay speed or pause it (operator; simulated clocks only)',
      security: session,
      requestBody: { required: true, ...json(ClockControl) },
      responses: answers('200', 'the new clock status', ClockStatus, { '400': 'malformed body', '403': 'operators only', '409': 'the clock is wall time' }),
    },
  },
};
