import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockStatus } from '../../shared/clock.ts';
import { createReplayClock } from '../../server/sim/replay-clock.ts';
import { api, connectConsole, login } from '../helpers/people.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// The server clock (CONTRACT §2): wall time live, the replayed time when simulating; operators set the speed.

describe('a wall clock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('is not simulated and cannot change speed', async () => {
    const status = ClockStatus.parse((await api(server.url, 'GET', '/clock')).json);
    expect(status).toMatchObject({ simulated: false, speed: 1, paused: false });
    expect(Math.abs(Date.parse(status.now) - Date.now())).toBeLessThan(5_000);
    const res = await api(server.url, 'POST', '/clock', await login(server.url, 'sct.vanhanh'), { speed: 60 });
    expect(res.status).toBe(409);
  });
});

describe('a replay clock', () => {
  let server: TestServer;
  const clock = createReplayClock({ startAt: Date.parse('2022-01-17T08:00:00+07:00'), speed: 1440 });
  beforeAll(async () => {
    server = await startTestServer({ clock, simulatedClock: clock });
  });
  afterAll(() => server?.stop());

  it('shows the replayed time and speed in the API and the snapshot', async () => {
    const status = ClockStatus.parse((await api(server.url, 'GET', '/clock')).json);
    expect(status).toMatchObject({ simulated: true, speed: 1440, paused: false });
    expect(status.now.startsWith('2022-01-17')).toBe(true);
    const c = await connectConsole(server.url);
    expect(c.snapshots[0]?.clock?.simulated).toBe(true);
    expect(c.snapshots[0]?.asOf.startsWith('2022-01-17')).toBe(true);
    c.socket.close();
  });

  it('lets operators pause and change speed, live to every console; others may not', async () => {
    const anonymous = await connectConsole(server.url);
    expect((await api(server.url, 'POST', '/clock', undefined, { paused: true })).status).toBe(401);
    expect((await api(server.url, 'POST', '/clock', await login(server.url, 'hq.tanthanh'), { paused: true })).status).toBe(403);
    const operator = await login(server.url, 'sct.vanhanh');
    expect((await api(server.url, 'POST', '/clock', operator, { speed: -5 })).status).toBe(400);
    const paused = ClockStatus.parse((await api(server.url, 'POST', '/clock', operator, { paused: true })).json);
    expect(paused).toMatchObject({ paused: true, speed: 0 });
    await new Promise((r) => setTimeout(r, 600));
    expect(anonymous.deltas.some((d) => d.clock?.paused === true)).toBe(true);
    const frozen = clock.now();
    await new Promise((r) => setTimeout(r, 100));
    expect(clock.now()).toBe(frozen);
    const running = ClockStatus.parse((await api(server.url, 'POST', '/clock', operator, { paused: false, speed: 3600 })).json);
    expect(running).toMatchObject({ paused: false, speed: 3600 });
    const audit = await api(server.url, 'GET', '/audit?action=clock_changed', operator);
    expect(JSON.stringify(audit.json)).toContain('clock_changed');
    anonymous.socket.close();
  });
});
