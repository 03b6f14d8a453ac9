import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Alert, AuditResponse, DeclarationView, ForecastResponse, GatesResponse, WhatIfResponse, type RecommendedNoticeAlert } from '../../shared/index.ts';
import { FORECAST_NOW, smallYardConfig, steadyYard } from '../helpers/forecast-yard.ts';
import { demoKeys, postEvents, startTestServer, STORES, type TestServer } from '../helpers/test-server.ts';
import { api, connectConsole, login, manualClock, until } from '../helpers/people.ts';
import { lifecycle } from '../helpers/truck-events.ts';

// The queue ahead through the real server, on both stores: forecast, waits per lane, a recommended notice
// an operator issues in one step (audited as suggested) or dismisses (hidden after a restart too), ETAs.

const NOW = FORECAST_NOW;

const AlertsResponseShape = z.object({ alerts: z.array(Alert) });

async function recommended(url: string, token: string, ms = 9_000): Promise<RecommendedNoticeAlert[]> {
  const start = Date.now();
  for (;;) {
    const res = await api(url, 'GET', '/alerts', token);
    const found = AlertsResponseShape.parse(res.json).alerts.filter((a): a is RecommendedNoticeAlert => a.kind === 'recommended_notice');
    if (found.length > 0 || Date.now() - start > ms) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(STORES)('the queue ahead (%s)', (store) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function seeded(dataDir?: string, databaseUrl?: string): Promise<TestServer> {
    const s = await startTestServer({ store, config: smallYardConfig(), clock: manualClock(NOW), ...(dataDir ? { dataDir } : {}), ...(databaseUrl ? { databaseUrl } : {}) });
    if (!dataDir) {
      const res = await postEvents(s.url, demoKeys()['huu-nghi'], steadyYard().map((e) => JSON.stringify(e)).join('\n'));
      expect(res.status).toBe(200);
    }
    return s;
  }

  it('forecasts the yard full at 14:00, shows waits per lane, and an operator issues the recommended notice as suggested', async () => {
    server = await seeded();
    const forecast = ForecastResponse.parse((await api(server.url, 'GET', '/gates/huu-nghi/forecast')).json);
    expect(forecast.total).toHaveLength(73);
    expect(forecast.yardFullAt).toBe('2022-02-10T14:00:00+07:00');
    const gate = GatesResponse.parse((await api(server.url, 'GET', '/gates')).json).gates.find((g) => g.id === 'huu-nghi');
    expect(gate?.yardFullAt).toBe('2022-02-10T14:00:00+07:00');
    expect(gate?.waits.export.find((w) => w.lane === 'fresh')).toMatchObject({ queue: 50, clearedPerDay: 24, estimatedWaitMinutes: 51 * 60 });

    const operator = await login(server.url, 'sct.vanhanh');
    const [rec, ...others] = await recommended(server.url, operator);
    expect(others).toEqual([]);
    expect(rec).toMatchObject({ gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], fullAt: '2022-02-10T14:00:00+07:00', effectiveFrom: '2022-02-11T00:00:00+07:00' });
    if (!rec) throw new Error('no recommendation');
    const draft = { gateIds: rec.gateIds, direction: rec.direction, categories: rec.categories, effectiveFrom: rec.effectiveFrom, effectiveUntil: rec.effectiveUntil, reason: { vi: 'Dự báo bãi đầy' } };

    // What-if: with the notice the queue at the end of the window is lower than without it.
    const whatIf = WhatIfResponse.parse((await api(server.url, 'POST', '/forecast/what-if', operator, draft)).json);
    const [hn] = whatIf.gates;
    const last = (xs: { queue: number }[] | undefined): number => xs?.[xs.length - 1]?.queue ?? NaN;
    expect(last(hn?.with.total)).toBeLessThan(last(hn?.without.total));
    expect(whatIf.horizonHours).toBeGreaterThan(72);

    expect((await api(server.url, 'POST', '/notices', operator, { ...draft, recommendationId: rec.id })).status).toBe(201);
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=notice_issued', operator)).json);
    expect(audit.entries[0]?.detail).toMatchObject({ recommendation: { id: rec.id, as: 'as_suggested' } });
    // Operators also hear of it in their notification centre.
    await server.app.notifier.flush();
    const notes = (await api(server.url, 'GET', '/notifications', operator)).json as { notifications: { kind: string; params: { gateIds?: string[] } }[] };
    expect(notes.notifications.filter((n) => n.kind === 'recommended_notice').map((n) => n.params.gateIds)).toEqual([['huu-nghi']]);
    // The notice covers what it suggested: the recommendation goes.
    await expect.poll(async () => (await recommended(server!.url, operator, 0)).length, { timeout: 9_000, interval: 300 }).toBe(0);
  });

  it('records an edited recommendation as edited, with the fields changed', async () => {
    server = await seeded();
    const operator = await login(server.url, 'sct.vanhanh');
    const [rec] = await recommended(server.url, operator);
    if (!rec) throw new Error('no recommendation');
    const draft = { gateIds: rec.gateIds, direction: rec.direction, categories: [...rec.categories, 'agricultural'], effectiveFrom: rec.effectiveFrom, reason: { vi: 'Sửa đề xuất' } };
    expect((await api(server.url, 'POST', '/notices', operator, { ...draft, recommendationId: rec.id })).status).toBe(201);
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=notice_issued', operator)).json);
    expect(audit.entries[0]?.detail).toMatchObject({ recommendation: { id: rec.id, as: 'edited', edited: ['categories', 'effectiveUntil'] } });
  });

  it('a dismissed recommendation is audited and stays hidden after a restart', async () => {
    server = await seeded();
    const operator = await login(server.url, 'sct.vanhanh');
    const [rec] = await recommended(server.url, operator);
    if (!rec) throw new Error('no recommendation');
    expect((await api(server.url, 'POST', `/recommendations/${rec.id}/dismiss`, operator)).status).toBe(204);
    expect(await recommended(server.url, operator, 0)).toEqual([]);
    expect((await api(server.url, 'POST', `/recommendations/${rec.id}/dismiss`, await login(server.url, 'dn.hoaquaxanh'))).status).toBe(403);
    const audit = AuditResponse.parse((await api(server.url, 'GET', '/audit?action=recommendation_dismissed', operator)).json);
    expect(audit.entries[0]).toMatchObject({ target: rec.id, actor: 'sct.vanhanh' });
    const { dataDir, databaseUrl } = server;
    await server.app.close();
    server = await seeded(dataDir, databaseUrl);
    expect(await recommended(server.url, await login(server.url, 'sct.vanhanh'), 6_000)).toEqual([]);
  });

  it('gives the enterprise an ETA for each truck not yet cleared: the 10th in the lane clears 10 h from now', async () => {
    server = await seeded();
    const own = (await api(server.url, 'GET', '/my/declarations', await login(server.url, 'dn.hoaquaxanh'))).json as { declarations: unknown[] };
    const views = own.declarations.map((d) => DeclarationView.parse(d));
    const tenth = views.find((v) => v.declarationId === 'Q-9');
    expect(tenth?.eta).toEqual({ at: '2022-02-10T18:00:00+07:00', earliest: '2022-02-10T18:00:00+07:00', latest: '2022-02-10T18:00:00+07:00', ahead: 9 });
    expect(views.find((v) => v.declarationId === 'S-30')?.state).toBe('cleared');
    expect(views.find((v) => v.declarationId === 'S-30')?.eta).toBeUndefined();
    expect(views.find((v) => v.declarationId === 'U-0')?.eta).toBeDefined();
  });

  it('moves a truck’s ETA live when trucks ahead of it clear', async () => {
    server = await seeded();
    const c = await connectConsole(server.url, await login(server.url, 'dn.hoaquaxanh'));
    try {
      expect(c.snapshots[0]?.myDeclarations?.find((d) => d.declarationId === 'Q-9')?.eta?.ahead).toBe(9);
      const cleared = ['Q-0', 'Q-1'].map((id) => JSON.stringify(lifecycle('cleared', id, NOW - 60_000)));
      expect((await postEvents(server.url, demoKeys()['huu-nghi'], cleared.join('\n'))).status).toBe(200);
      const aheadOfQ9 = (): number | undefined =>
        c.deltas.flatMap((d) => d.myEtas ?? []).filter((e) => e.declarationId === 'Q-9').map((e) => e.eta?.ahead).pop();
      await until(() => aheadOfQ9() === 7, 12_000);
      // The cleared one comes as a whole value, without an ETA.
      const q0 = c.deltas.flatMap((d) => d.myDeclarations ?? []).find((d) => d.declarationId === 'Q-0');
      expect(q0?.state).toBe('cleared');
      expect(q0?.eta).toBeUndefined();
    } finally {
      c.socket.close();
    }
  }, 30_000);

  it('tells the enterprise when a truck’s ETA moves by more than the set minutes and a fifth of its wait', async () => {
    server = await seeded();
    server.app.forecastFacts.lookAtEtas(); // notes today's ETAs
    const cleared = Array.from({ length: 20 }, (_, i) => JSON.stringify(lifecycle('cleared', `Q-${i}`, NOW - 60_000)));
    expect((await postEvents(server.url, demoKeys()['huu-nghi'], cleared.join('\n'))).status).toBe(200);
    server.app.forecastFacts.lookAtEtas();
    await server.app.notifier.flush();
    const token = await login(server.url, 'dn.hoaquaxanh');
    const notes = (await api(server.url, 'GET', '/notifications?limit=200', token)).json as { notifications: { kind: string; params: { declarationId?: string; oldEta?: string; newEta?: string } }[] };
    const moved = notes.notifications.filter((n) => n.kind === 'eta_moved');
    // Q-49 had 49 ahead (50 h); 20 of them left — and the 20 just cleared raise the lane's rate: ≥ 20 h earlier.
    const q49 = moved.find((n) => n.params.declarationId === 'Q-49')?.params;
    expect(q49?.oldEta).toBe('2022-02-12T10:00:00+07:00');
    expect(Date.parse(q49?.newEta ?? '')).toBeLessThanOrEqual(Date.parse('2022-02-11T14:00:00+07:00'));
    // Only trucks still waiting are told, each its own.
    expect(moved.length).toBeGreaterThan(0);
    const waiting = moved.map((n) => n.params.declarationId ?? '').filter((id) => id.startsWith('Q-'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((id) => Number(id.slice(2)) >= 20)).toBe(true);
    // Another enterprise hears nothing of these trucks.
    const other = (await api(server.url, 'GET', '/notifications', await login(server.url, 'dn.vantaibactrung'))).json as { notifications: unknown[] };
    expect(other.notifications).toEqual([]);
  });
});

