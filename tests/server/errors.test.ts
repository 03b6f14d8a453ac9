import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { demoKeys, ndjson, postEvents, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Whole-request errors always come as JSON { error, message } — never Express's HTML page.

describe('whole-request errors', () => {
  let server: TestServer;
  const key = demoKeys()['huu-nghi'] ?? '';
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.stop());

  const expectError = (res: { status: number; json: unknown }, status: number, error: string): void => {
    expect(res.status).toBe(status);
    expect(ErrorBody.parse(res.json).error).toBe(error);
  };

  it('401 without a key or with an unknown key', async () => {
    expectError(await postEvents(server.url, undefined, '[]', 'application/json'), 401, 'unauthorized');
    expectError(await postEvents(server.url, 'wrong-key', '[]', 'application/json'), 401, 'unauthorized');
  });

  it('400 when the body is not JSON, or JSON but not an array', async () => {
    expectError(await postEvents(server.url, key, '{"not json', 'application/json'), 400, 'bad_request');
    expectError(await postEvents(server.url, key, '{"eventId":"x"}', 'application/json'), 400, 'bad_request');
    expectError(await postEvents(server.url, key, 'not json\nat all\n'), 400, 'bad_request');
  });

  it('415 for another content type', async () => {
    expectError(await postEvents(server.url, key, '[]', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('413 over 10,000 items or over the byte limit', async () => {
    expectError(await postEvents(server.url, key, ndjson(Array.from({ length: 10_001 }, () => '{}'))), 413, 'payload_too_large');
    expectError(await postEvents(server.url, key, `["${'x'.repeat(17 * 1024 * 1024)}"]`, 'application/json'), 413, 'payload_too_large');
  });

  it('404 JSON for unknown API routes and gates; 400 for a bad history query', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      return { status: res.status, json: await res.json().catch(() => null) };
    };
    expectError(await get('/api/v1/nothing-here'), 404, 'not_found');
    expectError(await get('/api/v1/gates/nowhere/history?from=2022-01-01&to=2022-01-02'), 404, 'not_found');
    expectError(await get('/api/v1/gates/huu-nghi/history?from=yesterday&to=2022-01-02'), 400, 'bad_request');
    expectError(await get('/api/v1/gates/huu-nghi/history?from=2022-01-01&to=2022-12-31&bucket=hour'), 400, 'bad_request');
  });

  it('sends security headers and publishes config and OpenAPI without secrets', async () => {
    const res = await fetch(`${server.url}/api/v1/config`);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toEqual({ timezone: 'Asia/Ho_Chi_Minh', map: {} });
    const doc: unknown = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(doc).toMatchObject({ openapi: '3.1.0' });
    expect(JSON.stringify(doc)).not.toContain('sha256:');
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true, seq: 0, events: 0, store: 'sqlite' });
  });
});
