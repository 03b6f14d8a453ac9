import type { z } from 'zod';
import { ErrorBody, type ErrorCode } from '../../../shared/index.ts';

// The one way the console talks HTTP: fetch, parse the answer with its shared schema, turn an
// ErrorBody into a typed ApiError. Nothing from the server is cast; a malformed answer is an error.

export class ApiError extends Error {
  readonly status: number;
  /** The ErrorBody code, or `network` / `malformed` when no usable answer came back. */
  readonly code: ErrorCode | 'network' | 'malformed';
  constructor(status: number, code: ApiError['code'], message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Told when a request made with a token is answered 401: the session ended (App ends it in the console). */
let onUnauthorized: ((reason: string) => void) | undefined;
export const whenUnauthorized = (handler: ((reason: string) => void) | undefined): void => {
  onUnauthorized = handler;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** A body sent as it is (a file), with its content type. */
  rawBody?: string;
  contentType?: string;
  token?: string | null;
  signal?: AbortSignal;
}

export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'text/plain';
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const body = ErrorBody.safeParse(json);
    if (response.status === 401 && options.token) onUnauthorized?.(body.success ? body.data.message : 'expired');
    if (body.success) throw new ApiError(response.status, body.data.error, body.data.message);
    throw new ApiError(response.status, response.status === 429 ? 'rate_limited' : 'malformed', `HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`[api] malformed answer from ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'malformed', `malformed answer from ${path}`);
  }
  return parsed.data;
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
