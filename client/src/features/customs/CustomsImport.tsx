import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomsImportReport } from '../../../../shared/index.ts';
import { importCustoms } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useSession } from '../../stores/index.tsx';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// Nhập kết quả hải quan: the customs e-system's export (CSV or JSON) checked first — what matches, what
// does not, what is ambiguous — then imported; nothing is typed twice. Customs officers and operators.

const TONE: Record<string, Tone> = { matched: 'ok', duplicate: 'neutral', unmatched: 'warn', ambiguous: 'warn', would_conflict: 'danger', invalid: 'danger' };

export function CustomsImport() {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const [file, setFile] = useState<{ name: string; text: string; json: boolean } | null>(null);
  const [report, setReport] = useState<CustomsImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | undefined) => {
    setReport(null);
    setError(null);
    if (!f) return setFile(null);
    setFile({ name: f.name, text: await f.text(), json: f.name.toLowerCase().endsWith('.json') || f.type.includes('json') });
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await importCustoms(token, file, dryRun));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pane" data-testid="customs-import">
      <h2 className="pane__title">{t('customs.title')}</h2>
      <p className="pane__meta">{t('customs.hint')}</p>
      <label className="field">
        <span className="field__label">{t('customs.file')}</span>
        <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void choose(e.target.files?.[0])} data-testid="customs-file" />
      </label>
      <div className="form__actions">
        <button type="button" className="btn" disabled={!file || busy} onClick={() => void send(true)} data-testid="customs-dry-run">
          {t('customs.dryRun')}
        </button>
        <button type="button" className="btn btn--primary" disabled={!file || busy || !report?.dryRun} onClick={() => void send(false)} data-testid="customs-import-button">
          {t('customs.import')}
        </button>
      </div>
      <ErrorText text={error} />
      {report && (
        <div data-testid="customs-report">
          <p className={report.dryRun ? 'pane__meta' : 'report__ok'} data-testid="customs-summary">
            {report.dryRun ? t('customs.dryRunDone') : t('customs.imported', { n: report.applied })}{' '}
            {Object.entries(report.counts)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${t(`customs.outcome.${k}`)}: ${n}`)
              .join(' · ')}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('customs.line')}</th>
                <th>{t('customs.row')}</th>
                <th>{t('customs.truck')}</th>
                <th>{t('customs.outcomeLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.line} data-testid={`customs-row-${r.line}`}>
                  <td className="num">{r.line}</td>
                  <td>{r.rowId ?? '—'}</td>
                  <td>{r.declarationId ?? r.plate ?? '—'}</td>
                  <td>
                    <Badge tone={TONE[r.outcome] ?? 'neutral'}>{t(`customs.outcome.${r.outcome}`)}</Badge> {r.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
