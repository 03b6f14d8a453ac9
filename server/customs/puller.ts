import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../shared/config.ts';
import type { AppCore } from '../core/app-core.ts';
import type { AuditLog } from '../store/side-tables.ts';
import { parseClock } from './clock.ts';
import { parseCsv, parseJson, type Parsed } from './parse.ts';

// The scheduled pull of customs' results (config `customsImport.url`): every `everyMinutes` the export is
// fetched (time-out, size cap), read like an upload and imported for real as `pull:customs`. Repeats are
// harmless: a row's event id is made of its content, so the same rows again are duplicates — which is also
// why every node of a deployment may pull. A failure is logged and tried again next time; never fatal.

const MAX_BYTES = 5 * 1024 * 1024;

export interface CustomsPuller {
  /** Pull once now (tests, and the first pull at start). */
  pullNow(): Promise<void>;
  close(): void;
}

export function startCustomsPuller(deps: { settings: Config['customsImport']; core: AppCore; auditLog: AuditLog; logger: Logger }): CustomsPuller | undefined {
  const { settings, core, logger } = deps;
  if (settings.url === undefined) return undefined;
  const url: string = settings.url;
  const clock = parseClock(core.localTime);
  let running: Promise<void> | undefined;

  async function pull(): Promise<void> {
    const res = await fetch(url, { headers: settings.headers, signal: AbortSignal.timeout(settings.timeoutMs) });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_BYTES) throw new Error(`${url}: more than 5 MB`);
    const json = settings.format === 'json' || (settings.format === undefined && (res.headers.get('content-type') ?? '').includes('json'));
    let parsed: Parsed;
    if (json) {
      const read = parseJson(JSON.parse(text) as unknown, clock);
      if ('error' in read) throw new Error(`${url}: ${read.error}`);
      parsed = read;
    } else parsed = parseCsv(text, clock);
    const fileSha256 = createHash('sha256').update(text).digest('hex');
    const report = await core.importCustoms({ gateId: undefined }, parsed, { dryRun: false, fileSha256, fileName: url });
    const base = { actor: 'pull:customs', source: new URL(url).host };
    if (report.applied > 0 || report.counts.invalid + report.counts.would_conflict + report.counts.ambiguous > 0) {
      await deps.auditLog.append({ ...base, atMs: Date.now(), action: 'customs_import', target: fileSha256.slice(0, 16), detail: { fileName: url, fileSha256, counts: report.counts, applied: report.applied } });
    }
    for (const row of report.rows) {
      if (row.outcome !== 'matched' || row.declarationId === undefined) continue;
      await deps.auditLog.append({ ...base, atMs: Date.now(), action: 'customs_row_imported', target: row.declarationId, detail: { line: row.line, rowId: row.rowId ?? null, eventId: row.eventId, fileSha256 } });
    }
    logger.info({ url, counts: report.counts, applied: report.applied }, 'customs results pulled');
  }

  const once = (): Promise<void> => {
    running ??= pull()
      .catch((e: unknown) => logger.warn({ url, err: e instanceof Error ? e.message : String(e) }, 'customs pull failed; trying again next time'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void once(), settings.everyMinutes * 60_000);
  timer.unref();
  void once();
  return { pullNow: once, close: () => clearInterval(timer) };
}
