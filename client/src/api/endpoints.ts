import { z } from 'zod';
import {
  Alert,
  AuditResponse,
  ClockStatus,
  HistoryResponse,
  TradeReport,
  type ClockControl,
  type HistoryBucketSize,
  DeclarationList,
  DeclarationView,
  LoginResponse,
  Notice,
  SessionUser,
  WorklistResponse,
  type AuditAction,
  type CheckRequest,
  type LoginRequest,
  type NoticeDraft,
  type NoticeRequest,
  ForecastResponse,
  WhatIfResponse,
  DeliveryList,
  NotificationList,
  ReadResponse,
  WebhookCreated,
  WebhookList,
  type ReadRequest,
  CustomsImportReport,
  GatesResponse,
  Bulletin,
  ProcedurePreview,
  ProceduresResponse,
  RuleChange,
  type AmendmentChanges,
  type ProcedureChangeRequest,
  type ServicePatternRequest,
  type StepRequest,
} from '../../../shared/index.ts';
import { apiRequest } from './http.ts';

// The API of CONTRACT §3–§4 as typed calls; each parses its answer with the shared schema.

type Token = string | null;
const enc = encodeURIComponent;

export const login = (body: LoginRequest) => apiRequest('/api/v1/auth/login', LoginResponse, { method: 'POST', body });
export const me = (token: Token) => apiRequest('/api/v1/auth/me', SessionUser, { token });

export const listNotices = (token: Token) => apiRequest('/api/v1/notices', z.object({ notices: z.array(Notice) }), { token });
/** A draft, with the recommended notice it came from when it did (audited as suggested or edited). */
export const issueNotice = (token: Token, draft: NoticeRequest) => apiRequest('/api/v1/notices', Notice, { method: 'POST', body: draft, token });
export const liftNotice = (token: Token, id: string) => apiRequest(`/api/v1/notices/${enc(id)}/lift`, Notice, { method: 'POST', token });

export const getWorklist = (token: Token, gateId: string, force?: string) =>
  apiRequest(`/api/v1/gates/${enc(gateId)}/worklist${force ? `?force=${enc(force)}` : ''}`, WorklistResponse, { token });
export const getDeclaration = (token: Token, id: string, signal?: AbortSignal) =>
  apiRequest(`/api/v1/declarations/${enc(id)}`, DeclarationView, { token, signal });
export const recordCheck = (token: Token, id: string, check: CheckRequest) =>
  apiRequest(`/api/v1/declarations/${enc(id)}/checks`, DeclarationView, { method: 'POST', body: check, token });
/** The look-up box: a declaration number or a plate, one request (nothing found is an empty list). */
export const lookup = (token: Token, q: string) => apiRequest(`/api/v1/lookup?q=${enc(q)}`, DeclarationList, { token });
export const myDeclarations = (token: Token) => apiRequest('/api/v1/my/declarations', DeclarationList, { token });
export const listAlerts = (token: Token) => apiRequest('/api/v1/alerts', z.object({ alerts: z.array(Alert) }), { token });

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit?: number;
  /** Entries older than this seq: the next page. */
  before?: number;
}
export function listAudit(token: Token, filter: AuditFilter, signal?: AbortSignal) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return apiRequest(`/api/v1/audit${qs ? `?${qs}` : ''}`, AuditResponse, { token, signal });
}

// The Q1 story: trade against plan (operators), gate history and the notices of a period (anyone), the clock.
export const getTrade = (token: Token, q: { from: string; to: string; gateId?: string }, signal?: AbortSignal) =>
  apiRequest(`/api/v1/trade?from=${enc(q.from)}&to=${enc(q.to)}${q.gateId ? `&gateId=${enc(q.gateId)}` : ''}`, TradeReport, { token, signal });
export const getHistory = (gateId: string, q: { from: string; to: string; bucket: HistoryBucketSize }, signal?: AbortSignal) =>
  apiRequest(`/api/v1/gates/${enc(gateId)}/history?from=${enc(q.from)}&to=${enc(q.to)}&bucket=${q.bucket}`, HistoryResponse, { signal });
/** Every notice in force at some point between `from` and `to` (datetimes with offset). */
export const listNoticesInPeriod = (q: { from: string; to: string }, signal?: AbortSignal) =>
  apiRequest(`/api/v1/notices?from=${enc(q.from)}&to=${enc(q.to)}`, z.object({ notices: z.array(Notice) }), { signal });
export const getClock = (signal?: AbortSignal) => apiRequest('/api/v1/clock', ClockStatus, { signal });
export const setClock = (token: Token, control: ClockControl) => apiRequest('/api/v1/clock', ClockStatus, { method: 'POST', body: control, token });

// Notifications (every signed-in user) and webhooks (enterprises).
export const listNotifications = (token: Token, before?: number) =>
  apiRequest(`/api/v1/notifications${before === undefined ? '' : `?before=${before}`}`, NotificationList, { token });
export const markNotificationsRead = (token: Token, body: ReadRequest) => apiRequest('/api/v1/notifications/read', ReadResponse, { method: 'POST', body, token });
export const listWebhooks = (token: Token) => apiRequest('/api/v1/webhooks', WebhookList, { token });
export const createWebhook = (token: Token, url: string) => apiRequest('/api/v1/webhooks', WebhookCreated, { method: 'POST', body: { url }, token });
export const deleteWebhook = (token: Token, id: string) => apiRequest(`/api/v1/webhooks/${enc(id)}`, z.null(), { method: 'DELETE', token });
export const webhookDeliveries = (token: Token, id: string) => apiRequest(`/api/v1/webhooks/${enc(id)}/deliveries`, DeliveryList, { token });
export const testWebhook = (token: Token, id: string) => apiRequest(`/api/v1/webhooks/${enc(id)}/test`, z.object({ id: z.string() }), { method: 'POST', token });

// The queue ahead: a gate's forecast (anyone), what a draft notice would do (operators), dismissing a recommendation.
export const getForecast = (gateId: string, hours: number, signal?: AbortSignal) =>
  apiRequest(`/api/v1/gates/${enc(gateId)}/forecast?hours=${hours}`, ForecastResponse, { signal });
export const whatIf = (token: Token, draft: NoticeDraft, signal?: AbortSignal) =>
  apiRequest('/api/v1/forecast/what-if', WhatIfResponse, { method: 'POST', body: draft, token, signal });
export const dismissRecommendation = (token: Token, id: string) =>
  apiRequest(`/api/v1/recommendations/${enc(id)}/dismiss`, z.null(), { method: 'POST', token });

// When the procedure changes: amendments (enterprises), hand-over steps (forces), the rules and service
// patterns (operators), customs' own results imported (customs, operators).
export const amendDeclaration = (token: Token, id: string, changes: AmendmentChanges) =>
  apiRequest(`/api/v1/declarations/${enc(id)}/amendments`, DeclarationView, { method: 'POST', body: { changes }, token });
export const recordStep = (token: Token, id: string, step: StepRequest) =>
  apiRequest(`/api/v1/declarations/${enc(id)}/steps`, DeclarationView, { method: 'POST', body: step, token });
export const getProcedures = (signal?: AbortSignal) => apiRequest('/api/v1/procedures', ProceduresResponse, { signal });
export const previewProcedure = (token: Token, request: ProcedureChangeRequest) =>
  apiRequest('/api/v1/procedures?dryRun=true', z.object({ dryRun: z.literal(true), preview: ProcedurePreview }), { method: 'POST', body: request, token });
export const changeProcedure = (token: Token, request: ProcedureChangeRequest) =>
  apiRequest('/api/v1/procedures', z.object({ change: RuleChange, preview: ProcedurePreview }), { method: 'POST', body: request, token });
export const setServicePattern = (token: Token, request: ServicePatternRequest) => apiRequest('/api/v1/service-patterns', RuleChange, { method: 'POST', body: request, token });
export const importCustoms = (token: Token, file: { name: string; text: string; json: boolean }, dryRun: boolean) =>
  apiRequest(`/api/v1/customs/imports?dryRun=${dryRun}&fileName=${enc(file.name)}`, CustomsImportReport, { method: 'POST', rawBody: file.text, contentType: file.json ? 'application/json' : 'text/csv', token });

/** The gates as they stood at a past instant (CONTRACT §3 `asOf`). */
export const getGatesAsOf = (asOf: string, signal?: AbortSignal) => apiRequest(`/api/v1/gates?asOf=${enc(asOf)}`, GatesResponse, { signal });
/** The daily bulletin of a local date (20:00). */
export const getBulletin = (date: string, signal?: AbortSignal) => apiRequest(`/api/v1/bulletin?date=${enc(date)}`, Bulletin, { signal });
