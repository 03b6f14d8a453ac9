import express, { Router } from 'express';
import { createHash } from 'node:crypto';
import { CustomsImportQuery, type CustomsImportReport } from '../../../shared/customs.ts';
import type { AppCore } from '../../core/app-core.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import { parseClock } from '../../customs/clock.ts';
import { parseCsv, parseJson, type Parsed } from '../../customs/parse.ts';
import type { AuditLog } from '../../store/side-tables.ts';
import { requireRole, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import type { AuditTrail } from './audit-trail.ts';

// Customs data without double entry: a customs officer (its gate's trucks) or an operator (every gate)
// uploads the customs e-system's export — CSV or JSON — as a dry run first (the report: matched, unmatched,
// ambiguous, would conflict, duplicates, invalid rows), then for real. Every applied row is in the audit log.

const MAX_BYTES = '5mb';
const MAX_ROWS = 20_000;

export function customsRouter(deps: { core: AppCore; audit: AuditTrail; auditLog: AuditLog }): Router {
  const { core } = deps;
  const router = Router();
  const clock = parseClock(core.localTime);
  const customsOrOperator = requireRole('operator', 'border_force');
  const body = [express.text({ type: ['text/csv', 'text/plain'], limit: MAX_BYTES }), express.json({ limit: MAX_BYTES })];

  router.post('/customs/imports', customsOrOperator, ...body, async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    if (user.role === 'border_force' && user.force !== 'customs') return sendError(res, 'forbidden', 'only customs imports customs results');
    const query = CustomsImportQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeIssues(query.error));
    const raw: unknown = req.body;
    let parsed: Parsed;
    let bytes: string;
    if (typeof raw === 'string') {
      bytes = raw;
      try {
        parsed = parseCsv(raw, clock);
      } catch (e) {
        return sendError(res, 'bad_request', `not a CSV file: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (raw !== undefined && req.is('application/json')) {
      bytes = JSON.stringify(raw);
      const read = parseJson(raw, clock);
      if ('error' in read) return sendError(res, 'bad_request', read.error);
      parsed = read;
    } else return sendError(res, 'unsupported_media_type', 'send text/csv or application/json');
    if (parsed.rows.length + parsed.invalid.length > MAX_ROWS) return sendError(res, 'payload_too_large', `at most ${MAX_ROWS} rows a file`);
    const dryRun = query.data.dryRun === 'true';
    const fileSha256 = createHash('sha256').update(bytes).digest('hex');
    const report: CustomsImportReport = await core.importCustoms({ gateId: user.role === 'border_force' ? user.gateId : undefined }, parsed, {
      dryRun,
      fileSha256,
      ...(query.data.fileName ? { fileName: query.data.fileName } : {}),
    });
    if (!dryRun) {
      await deps.audit.record(req, 'customs_import', { target: fileSha256.slice(0, 16), detail: { fileName: query.data.fileName ?? null, fileSha256, counts: report.counts, applied: report.applied } });
      for (const row of report.rows) {
        if (row.outcome !== 'matched' || row.declarationId === undefined) continue;
        await deps.audit.record(req, 'customs_row_imported', { target: row.declarationId, detail: { line: row.line, rowId: row.rowId ?? null, eventId: row.eventId, fileSha256 } });
      }
    }
    res.status(dryRun ? 200 : 201).json(report);
  });

  router.get('/customs/imports', customsOrOperator, async (req, res) => {
    const user = signedIn(req, res);
    if (!user) return;
    if (user.role === 'border_force' && user.force !== 'customs') return sendError(res, 'forbidden', 'only customs reads customs imports');
    const rows = await deps.auditLog.query({ action: 'customs_import', limit: 50 });
    res.json({ imports: deps.audit.read(rows) });
  });

  return router;
}
