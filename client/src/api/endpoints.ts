import { z } from 'zod';
import {
  Alert,
  AuditResponse,
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
} from '../../../shared/index.ts';
import { apiRequest } from './http.ts';

// The API of CONTRACT §3–§4 as typed calls; each parses its answer with the shared schema.

type Token = string | null;
const enc = encodeURIComponent;

export const login = (body: LoginRequest) => apiRequest('/api/v1/auth/login', LoginResponse, { method: 'POST', body });
export const me = (token: Token) => apiRequest('/api/v1/auth/me', SessionUser, { token });

export const listNotices = (token: Token) => apiRequest('/api/v1/notices', z.object({ notices: z.array(Notice) }), { token });
export const issueNotice = (token: Token, draft: NoticeDraft) => apiRequest('/api/v1/notices', Notice, { method: 'POST', body: draft, token });
export const liftNotice = (token: Token, id: string) => apiRequest(`/api/v1/notices/${enc(id)}/lift`, Notice, { method: 'POST', token });

export const getWorklist = (token: Token, gateId: string, force?: string) =>
  apiRequest(`/api/v1/gates/${enc(gateId)}/worklist${force ? `?force=${enc(force)}` : ''}`, WorklistResponse, { token });
export const getDeclaration = (token: Token, id: string, signal?: AbortSignal) =>
  apiRequest(`/api/v1/declarations/${enc(id)}`, DeclarationView, { token, signal });
export const recordCheck = (token: Token, id: string, check: CheckRequest) =>
  apiRequest(`/api/v1/declarations/${enc(id)}/checks`, DeclarationView, { method: 'POST', body: check, token });
export const findByPlate = (token: Token, plate: string) => apiRequest(`/api/v1/vehicles?plate=${enc(plate)}`, DeclarationList, { token });
export const myDeclarations = (token: Token) => apiRequest('/api/v1/my/declarations', DeclarationList, { token });
export const listAlerts = (token: Token) => apiRequest('/api/v1/alerts', z.object({ alerts: z.array(Alert) }), { token });

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit?: number;
}
export function listAudit(token: Token, filter: AuditFilter, signal?: AbortSignal) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return apiRequest(`/api/v1/audit${qs ? `?${qs}` : ''}`, AuditResponse, { token, signal });
}
