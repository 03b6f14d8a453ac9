import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { GatesResponse } from '../../shared/gates.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { malformedItem, validItem, type FuzzItem } from '../helpers/malformed.ts';
import { api, login } from '../helpers/people.ts';
import { demoKeys, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Bad input (CONTRACT §1 "never crashes, hangs or loses accepted data on any input"): over 10,000
// seeded malformed items, in batches with valid neighbours, each get the right code; the valid
// ones are accepted and readable; whole bodies that are not batches get the right whole-request error.

const SEED = 1_979;
const BATCHES = 25;
const PER_BATCH = 500;
const VALID_EVERY = 10;
const key = demoKeys()['huu-nghi'] ?? '';

async function post(url: string, body: Buffer | string, contentType: string | undefined, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(contentType === undefined ? {} : { 'content-type': contentType }), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

describe('fuzzed input', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.stop());

  const accepted: string[] = [];

  it(`gives each of over 10,000 malformed items its code and keeps the valid neighbours`, { timeout: 120_000 }, async () => {
    let malformed = 0;
    for (let b = 0; b < BATCHES; b++) {
      const bad = fc.sample(fc.array(malformedItem(b * PER_BATCH), { minLength: PER_BATCH, maxLength: PER_BATCH }), { seed: SEED + b, numRuns: 1 })[0] ?? [];
      const items: (FuzzItem & { event?: { declarationId: string } })[] = bad.map((x, i) => (i % VALID_EVERY === 0 ? validItem(`ok-${b}-${i}`, b * PER_BATCH + i) : x));
      // Every third batch goes as a JSON array (only items that are JSON at all), the rest as NDJSON.
      const asJson = b % 3 === 2;
      const sent = asJson ? items.filter((x) => x.jsonSafe) : items;
      const body = asJson
        ? Buffer.concat([Buffer.from('['), ...sent.flatMap((x, i) => (i === 0 ? [x.line] : [Buffer.from(','), x.line])), Buffer.from(']')])
        : Buffer.concat(sent.flatMap((x) => [x.line, Buffer.from(b % 2 === 0 ? '\n' : '\r\n')]));
      const res = await post(server.url, body, asJson ? 'application/json' : 'application/x-ndjson');
      expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(200);
      const result = BatchResult.parse(res.json);
      const codes = new Map(result.rejected.map((r) => [r.index, r.code]));
      const wanted = sent.map((x) => x.code);
      expect(sent.map((_, i) => codes.get(i))).toEqual(wanted);
      expect(result.accepted).toBe(wanted.filter((c) => c === undefined).length);
      expect(result.duplicates).toBe(0);
      for (const r of result.rejected) expect(r.message.length).toBeGreaterThan(0);
      malformed += result.rejected.length;
      for (const x of sent) if (x.event) accepted.push(x.event.declarationId);
    }
    expect(malformed).toBeGreaterThanOrEqual(10_000);
    // No key of a fuzzed item reached a prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stored exactly the valid neighbours, and they are readable', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true, events: accepted.length });
    const gates = GatesResponse.parse(await (await fetch(`${server.url}/api/v1/gates`)).json()).gates;
    expect(gates.find((g) => g.id === 'huu-nghi')?.expected).toEqual({ export: 0, import: accepted.length });
    const token = await login(server.url, 'sct.vanhanh');
    for (const id of [accepted[0], accepted[accepted.length - 1]]) {
      const res = await api(server.url, 'GET', `/declarations/${id ?? ''}`, token);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ declarationId: id });
    }
  });

  it('answers whole bodies that are not batches with the right error, and stays up', { timeout: 60_000 }, async () => {
    const cases = fc.sample(
      fc.oneof(
        fc.record({ body: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), type: fc.constant('application/json') }),
        fc.record({ body: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)), type: fc.constantFrom('application/json', 'application/x-ndjson') }),
        fc.record({ body: fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)), type: fc.constantFrom('application/json', 'application/x-ndjson') }),
        fc.record({ body: fc.constant(Buffer.alloc(0)), type: fc.constantFrom('application/json', 'application/x-ndjson') }),
      ),
      { seed: SEED, numRuns: 300 },
    );
    for (const c of cases) {
      const res = await post(server.url, c.body, c.type);
      if (res.status === 200) {
        const result = BatchResult.parse(res.json);
        expect(result.accepted).toBe(0);
      } else {
        expect([400, 413], `${c.type} ${c.body.toString('hex').slice(0, 80)}`).toContain(res.status);
        expect(ErrorBody.parse(res.json).error).toMatch(/^(bad_request|payload_too_large)$/);
      }
    }
    const expectError = async (p: Promise<{ status: number; json: unknown }>, status: number, error: string): Promise<void> => {
      const res = await p;
      expect(res.status).toBe(status);
      expect(ErrorBody.parse(res.json).error).toBe(error);
    };
    await expectError(post(server.url, '', 'application/json'), 400, 'bad_request');
    await expectError(post(server.url, '{"eventId":"x"}', 'application/json'), 400, 'bad_request');
    await expectError(post(server.url, Buffer.from([0x5b, 0xc3, 0x28, 0x5d]), 'application/json'), 400, 'bad_request');
    await expectError(post(server.url, '[' + Array.from({ length: 10_001 }, () => '{}').join(',') + ']', 'application/json'), 413, 'payload_too_large');
    await expectError(post(server.url, Array.from({ length: 10_001 }, () => '{}').join('\n'), 'application/x-ndjson'), 413, 'payload_too_large');
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      await expectError(post(server.url, '[]', type), 415, 'unsupported_media_type');
    }
    await expectError(post(server.url, '[]', undefined), 415, 'unsupported_media_type');
    await expectError(post(server.url, 'not gzip at all', 'application/json', { 'content-encoding': 'gzip' }), 400, 'bad_request');
    await expectError(post(server.url, '[]', 'application/json', { 'content-encoding': 'x-unknown' }), 415, 'unsupported_media_type');
    expect(await post(server.url, '', 'application/x-ndjson')).toEqual({ status: 200, json: { accepted: 0, duplicates: 0, rejected: [] } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
