import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticesQuery, TradeReport } from '../../shared/index.ts';
import { z } from 'zod';
import { Notice } from '../../shared/notices.ts';
import { HistoryResponse } from '../../shared/gates.ts';
import { Bulletin } from '../../shared/bulletin.ts';
import { historyRows, tradeRows } from '../../shared/report-tables.ts';
import ExcelJS from 'exceljs';
import { loadScenario } from '../../server/sim/scenario/load.ts';
import { createReplayClock } from '../../server/sim/replay-clock.ts';
import { createReplayer } from '../../server/sim/timeline.ts';
import { api, login } from '../helpers/people.ts';
import { demoConfig, demoKeys, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The whole generated quarter replayed into a fresh server through its public API, the server on a
// replay clock stepped through the notices' issue times (as `REPLAY_CLOCK_START` + `npm run replay`
// do): the trade report must equal the source's table (../shared/seed/DIGEST.md) and each notice
// carries its 2022 issue time.

let server: TestServer;
let operator: string;
let refusedAttempts = 0;
let tally: ReturnType<typeof createReplayer>['tally'];
let issuedAt: string[];

beforeAll(async () => {
  const clock = createReplayClock({ startAt: Date.parse('2022-01-01T00:00:00+07:00'), speed: 1 });
  clock.setPaused(true);
  server = await startTestServer({ clock, simulatedClock: clock });
  operator = await login(server.url, 'sct.vanhanh');
  const scenario = loadScenario();
  refusedAttempts = scenario.refusedAttempts;
  const keys = demoKeys();
  const replayer = createReplayer({
    url: server.url,
    keyFor: (g) => keys[g],
    events: scenario.events,
    notices: scenario.notices,
    operatorToken: async () => operator,
  });
  issuedAt = scenario.notices.map((n) => n.issuedAt);
  for (const at of [...issuedAt.map((t) => Date.parse(t)), Date.parse('2022-04-01T00:00:00+07:00')]) {
    clock.setNow(at);
    await replayer.advanceTo(at);
  }
  tally = replayer.tally;
}, 180_000);
afterAll(() => server?.stop());

const Q1 = '?from=2022-01-01&to=2022-03-31';

describe('the Q1 2022 replay', () => {
  it('accepts every event except the declarations the fruit notices refuse', () => {
    expect(tally.rejected).toEqual({ not_receiving: refusedAttempts });
    expect(tally.accepted + refusedAttempts).toBe(tally.total);
    expect(tally.noticesIssued).toBe(4);
  });

  it('gives the source table: 230 / 570 / 800 / 28 M USD, % of plan and change vs Q1 2021', async () => {
    const res = await api(server.url, 'GET', `/trade${Q1}`, operator);
    expect(res.status).toBe(200);
    const t = TradeReport.parse(res.json);
    const within = (got: number, want: number, rel: number): void => expect(Math.abs(got / want - 1)).toBeLessThan(rel);
    within(t.actual.exportUsd, 230e6, 0.005);
    within(t.actual.importUsd, 570e6, 0.005);
    within(t.actual.totalUsd, 800e6, 0.005);
    within(t.actual.localExportUsd, 28e6, 0.005);
    const points = (x: number | null): number => x ?? NaN;
    expect(Math.abs(points(t.percentOfPlan.exportUsd) - 10.7)).toBeLessThan(0.1);
    expect(Math.abs(points(t.percentOfPlan.importUsd) - 17)).toBeLessThan(0.1);
    expect(Math.abs(points(t.percentOfPlan.totalUsd) - 14.5)).toBeLessThan(0.1);
    expect(Math.abs(points(t.percentOfPlan.localExportUsd) - 20)).toBeLessThan(0.1);
    expect(t.previousYearSource).toBe('baseline');
    expect(Math.abs(100 * points(t.changeVsPreviousYear.exportUsd) - -30.3)).toBeLessThan(0.1);
    expect(Math.abs(100 * points(t.changeVsPreviousYear.importUsd) - 9.6)).toBeLessThan(0.1);
    expect(Math.abs(100 * points(t.changeVsPreviousYear.totalUsd) - -5.9)).toBeLessThan(0.1);
    expect(Math.abs(100 * points(t.changeVsPreviousYear.localExportUsd) - 7.7)).toBeLessThan(0.1);
    const byGate = t.byGate.reduce((s, g) => s + g.actual.totalUsd, 0);
    const byCategory = t.byCategory.reduce((s, c) => s + c.actual.totalUsd, 0);
    expect(byGate).toBeCloseTo(t.actual.totalUsd, 0);
    expect(byCategory).toBeCloseTo(t.actual.totalUsd, 0);
    // fruit still crossed in a quarter of stop notices, slowly: a sizeable share, not most, of export value
    expect(t.byCategory.find((c) => c.category === 'fresh_fruit')?.actual.exportUsd).toBeGreaterThan(0.15 * t.actual.exportUsd);
  });

  it('answers trade to operators only, and a gate filter narrows it', async () => {
    expect((await api(server.url, 'GET', `/trade${Q1}`)).status).toBe(401);
    expect((await api(server.url, 'GET', `/trade${Q1}`, await login(server.url, 'dn.hoaquaxanh'))).status).toBe(403);
    expect((await api(server.url, 'GET', '/trade?from=2022-03-31&to=2022-01-01', operator)).status).toBe(400);
    const tt = TradeReport.parse((await api(server.url, 'GET', `/trade${Q1}&gateId=tan-thanh`, operator)).json);
    expect(tt.byGate.map((g) => g.gateId)).toEqual(['tan-thanh']);
    expect(tt.actual.totalUsd).toBeGreaterThan(0);
    expect(tt.previousYear).toBeNull(); // the baseline is province-wide
  });

  it('keeps the January–February yards (800–3,200 trucks at midnight, lowest at Tết’s end) in the history and lists the quarter’s notices', async () => {
    const days = await Promise.all(
      ['huu-nghi', 'tan-thanh', 'chi-ma'].map(async (g) => HistoryResponse.parse((await api(server.url, 'GET', `/gates/${g}/history?from=2022-01-01&to=2022-02-28&bucket=day`)).json)),
    );
    const firstGate = days[0]?.buckets ?? [];
    firstGate.forEach((_, i) => {
      const total = days.reduce((s, h) => s + (h.buckets[i]?.queue.export ?? 0) + (h.buckets[i]?.queue.import ?? 0), 0);
      expect(total, h0(i)).toBeGreaterThanOrEqual(800);
      expect(total, h0(i)).toBeLessThanOrEqual(3200);
    });
    const notices = await quarterNotices();
    expect(notices.map((n) => n.effectiveFrom.slice(0, 10))).toEqual(['2022-01-17', '2022-02-16', '2022-02-26', '2022-03-02']);
    // The public reads the issuing office; the operator's name is for staff (tests/server/trust-edges.test.ts).
    expect(notices.every((n) => n.issuedBy === demoConfig().office)).toBe(true);
  });

  it('publishes the bulletin of 11 Feb 2022 with the history’s figures, and the same numbers in its Excel file', async () => {
    const res = await api(server.url, 'GET', '/bulletin?date=2022-02-11');
    expect(res.status).toBe(200);
    const b = Bulletin.parse(res.json);
    expect(b.at).toBe('2022-02-11T20:00:00+07:00');
    const xlsx = await fetch(`${server.url}/api/v1/bulletin.xlsx?date=2022-02-11`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    const rows = new Map<string, number[]>();
    sheet?.eachRow((row, n) => {
      if (n <= 2) return;
      const v = row.values as unknown[];
      rows.set(`${String(v[1])}|${String(v[2])}`, v.slice(3).map(Number));
    });
    for (const g of b.gates) {
      const hours = HistoryResponse.parse((await api(server.url, 'GET', `/gates/${g.gateId}/history?from=${encodeURIComponent(b.from)}&to=${encodeURIComponent(b.at)}&bucket=hour`)).json).buckets;
      expect(hours).toHaveLength(24);
      for (const dir of ['export', 'import'] as const) {
        expect(g.arrived[dir], `${g.gateId} ${dir} arrived`).toBe(hours.reduce((s, h) => s + h.arrived[dir], 0));
        expect(g.cleared[dir], `${g.gateId} ${dir} cleared`).toBe(hours.reduce((s, h) => s + h.cleared[dir], 0));
        expect(g.waiting[dir], `${g.gateId} ${dir} waiting`).toBe(hours.at(-1)?.queue[dir]);
        expect(Object.values(g.waitingByCategory[dir]).reduce((s, n) => s + n, 0)).toBe(g.waiting[dir]);
        const cells = rows.get(`${g.name.vi}|${dir === 'export' ? 'Xuất khẩu' : 'Nhập khẩu'}`);
        expect(cells?.[0]).toBe(g.waiting[dir]);
        expect(cells?.slice(-3)).toEqual([g.arrived[dir], g.cleared[dir], g.turnedAround[dir]]);
      }
    }
    // The fruit backlog of that evening (REAL-WORLD.md: 1,646 waiting, ~1,390 fruit): the bulletin says so too.
    expect(b.total.waitingByCategory.export.fresh_fruit).toBeGreaterThan(1000);
    expect(b.notices.map((n) => n.id)).toEqual([]);
    expect((await api(server.url, 'GET', '/bulletin?date=2022-04-02')).status).toBe(400);
  });

  it('gives the trade report and a gate’s history as Excel sheets with the CSV’s rows', async () => {
    const sheetRows = async (url: string, token?: string): Promise<unknown[][]> => {
      const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const rows: unknown[][] = [];
      book.worksheets[0]?.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? null)));
      return rows;
    };
    const pad = (rows: unknown[][], width: number): unknown[][] => rows.map((r) => [...r, ...Array<null>(Math.max(0, width - r.length)).fill(null)]);
    const report = TradeReport.parse((await api(server.url, 'GET', `/trade${Q1}`, operator)).json);
    const trade = tradeRows(report);
    expect(pad(await sheetRows(`${server.url}/api/v1/trade.xlsx${Q1}`, operator), 6)).toEqual(trade);
    expect((await fetch(`${server.url}/api/v1/trade.xlsx${Q1}`)).status).toBe(401);
    const hist = HistoryResponse.parse((await api(server.url, 'GET', '/gates/tan-thanh/history?from=2022-02-01&to=2022-02-28&bucket=day')).json);
    expect(pad(await sheetRows(`${server.url}/api/v1/gates/tan-thanh/history.xlsx?from=2022-02-01&to=2022-02-28&bucket=day`), 9)).toEqual(historyRows(hist));
  });

  it('dates each notice at its 2022 issue time: the server clock was the replay’s', async () => {
    expect(issuedAt).toHaveLength(4);
    const notices = await quarterNotices();
    expect(notices.map((n) => Date.parse(n.issuedAt))).toEqual(issuedAt.map((t) => Date.parse(t)));
  });
});

const h0 = (i: number): string => `day ${i + 1}`;

async function quarterNotices(): Promise<Notice[]> {
  const q = NoticesQuery.parse({ from: '2022-01-01T00:00:00+07:00', to: '2022-04-01T00:00:00+07:00' });
  const res = await api(server.url, 'GET', `/notices?from=${encodeURIComponent(q.from ?? '')}&to=${encodeURIComponent(q.to ?? '')}`);
  return z.object({ notices: z.array(Notice) }).parse(res.json).notices;
}
