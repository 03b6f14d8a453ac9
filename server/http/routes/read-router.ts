import { Router } from 'express';
import { historyRows } from '../../../shared/report-tables.ts';
import { sendTableXlsx } from './xlsx.ts';
import type { Config, PublicConfig } from '../../../shared/config.ts';
import { GateId } from '../../../shared/primitives.ts';
import { GatesQuery, HistoryQuery, type GatesResponse } from '../../../shared/gates.ts';
import type { AppCore } from '../../core/app-core.ts';
import { allGateStatuses, history, stateAsOf } from '../../domain/index.ts';
import { sendError } from '../guards/errors.ts';
import { describeIssues } from '../../core/decide-batch.ts';

// Public reads (CONTRACT §3): gate status, gate history, the console's configuration.

export function readRouter(deps: { config: Config; core: AppCore }): Router {
  const { core } = deps;
  const router = Router();

  router.get('/gates', (req, res) => {
    const now = core.clock.now();
    const query = GatesQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', `${describeIssues(query.error)} (a datetime with its offset, e.g. 2022-01-12T20:00:00+07:00)`);
    const { asOf } = query.data;
    if (asOf === undefined) {
      const body: GatesResponse = { asOf: core.localTime.formatIso(now), gates: core.read((s) => allGateStatuses(s, now)) };
      return res.json(body);
    }
    const at = Date.parse(asOf);
    if (at > now) return sendError(res, 'bad_request', `asOf: ${asOf} is after the server clock (${core.localTime.formatIso(now)})`);
    const body: GatesResponse = { asOf: core.localTime.formatIso(at), gates: core.read((s) => allGateStatuses(stateAsOf(s, at), at)) };
    res.json(body);
  });

  router.get('/gates/:id/history', (req, res) => {
    const id = GateId.safeParse(req.params.id);
    if (!id.success || !core.read((s) => s.gates.has(id.data))) return sendError(res, 'not_found', `no gate ${req.params.id}`);
    const query = HistoryQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const result = core.read((s) => history(s, id.data, query.data));
    if (!result.ok) return sendError(res, result.reason === 'unknown_gate' ? 'not_found' : 'bad_request', result.message);
    res.json(result.history);
  });

  // A gate's history as an Excel file (the rows of the console's CSV).
  router.get('/gates/:id/history.xlsx', async (req, res) => {
    const id = GateId.safeParse(req.params.id);
    if (!id.success || !core.read((s) => s.gates.has(id.data))) return sendError(res, 'not_found', `no gate ${req.params.id}`);
    const query = HistoryQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const result = core.read((s) => history(s, id.data, query.data));
    if (!result.ok) return sendError(res, result.reason === 'unknown_gate' ? 'not_found' : 'bad_request', result.message);
    const q = query.data;
    await sendTableXlsx(res, { sheet: 'Lịch sử', filename: `lich-su_${id.data}_${q.from}_${q.to}_${q.bucket === 'day' ? 'ngay' : 'gio'}.xlsx`, rows: historyRows(result.history) });
  });

  router.get('/config', (_req, res) => {
    const { tileUrl, tileAttribution } = deps.config.map;
    const body: PublicConfig = {
      timezone: deps.config.timezone,
      map: { ...(tileUrl ? { tileUrl } : {}), ...(tileAttribution ? { tileAttribution } : {}) },
    };
    res.json(body);
  });

  return router;
}
