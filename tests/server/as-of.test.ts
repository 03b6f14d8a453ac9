import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { api } from '../helpers/people.ts';
import { eventsAt, NOW } from '../helpers/people-seed.ts';
import { demoKeys, ndjson, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { at, iso } from '../helpers/truck-events.ts';

// GET /api/v1/gates?asOf= (CONTRACT §3): the gates as they stood then; an instant without an offset or
// after the server clock is 400.

describe.each(STORES)('gates as of a past instant (%s)', (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store, clock: { now: () => NOW } });
    await postEvents(server.url, demoKeys()['huu-nghi'], ndjson(eventsAt('huu-nghi')));
  });
  afterAll(() => server.stop());

  const huuNghi = async (asOf: string) => {
    const res = await api(server.url, 'GET', `/gates?asOf=${encodeURIComponent(asOf)}`);
    expect(res.status).toBe(200);
    const body = GatesResponse.parse(res.json);
    return { asOf: body.asOf, gate: body.gates.find((g) => g.id === 'huu-nghi') };
  };

  it('shows the queue of that moment', async () => {
    // 09:05: HN-3 (arrived 07:30, cleared 10:00) and HN-1 (09:00) in the yard; HN-5 (09:10) and HN-2 (09:30) on the way.
    const then = await huuNghi(iso(at('2022-01-10 09:05')));
    expect(then.asOf).toBe('2022-01-10T09:05:00+07:00');
    expect(then.gate).toMatchObject({ queue: { export: 2, import: 0 }, expected: { export: 1, import: 1 }, clearedLastHour: 0 });
    // 10:30: HN-3 cleared at 10:00 is in the last hour.
    expect((await huuNghi(iso(at('2022-01-10 10:30')))).gate).toMatchObject({ queue: { export: 2, import: 1 }, clearedLastHour: 1 });
    // Now equals the live figures.
    const live = GatesResponse.parse((await api(server.url, 'GET', '/gates')).json).gates.find((g) => g.id === 'huu-nghi');
    expect((await huuNghi(iso(NOW))).gate).toEqual(live);
  });

  it('refuses an instant without an offset or after the server clock', async () => {
    expect((await api(server.url, 'GET', '/gates?asOf=2022-01-10T09:00:00')).status).toBe(400);
    const future = await api(server.url, 'GET', `/gates?asOf=${encodeURIComponent(iso(NOW + 60_000))}`);
    expect(future.status).toBe(400);
    expect(future.json).toMatchObject({ error: 'bad_request', message: expect.stringContaining('after the server clock') });
  });
});
