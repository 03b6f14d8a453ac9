import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditAction, type AuditEntry } from '../../../../shared/index.ts';
import { listAudit, type AuditFilter } from '../../api/endpoints.ts';
import { dayBound } from '../../i18n/datetime.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useSession } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { DateField } from '../../ui/DateField.tsx';

// Nhật ký thao tác: who did what, when, from where; filtered by actor, action and local date range.

interface Filter {
  actor: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

const PAGE = 200;

/** The detail an entry carries, in words: a check's force, result and note; otherwise its plain fields. */
export function detailText(t: (k: string) => string, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof detail.force === 'string') parts.push(t(`force.${detail.force}`));
  if (typeof detail.by === 'string') parts.push(t(`actor.${detail.by}`));
  if (typeof detail.result === 'string') parts.push(t(`decl.${detail.result}`));
  if (typeof detail.note === 'string') parts.push(`“${detail.note}”`);
  for (const [k, v] of Object.entries(detail)) {
    if (['force', 'by', 'result', 'note', 'eventId', 'fileSha256', 'changes', 'procedure', 'detail'].includes(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}: ${String(v)}`);
  }
  return parts.join(' · ');
}

export function AuditLog() {
  const { t } = useTranslation();
  const f = useFormat();
  const token = useSession((s) => s.token);
  const timeZone = useConfig((s) => s.config.timezone);
  const [filter, setFilter] = useState<Filter>({ actor: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [more, setMore] = useState<{ filter: Filter; before: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** A page of entries; `before` (a seq) asks for the page after the one shown, appended to it. */
  const load = useCallback(
    async (current: Filter, signal?: AbortSignal, before?: number) => {
      const query: AuditFilter = {
        actor: current.actor.trim() || undefined,
        action: current.action || undefined,
        from: current.from ? (dayBound(current.from, timeZone, false) ?? undefined) : undefined,
        to: current.to ? (dayBound(current.to, timeZone, true) ?? undefined) : undefined,
        limit: PAGE,
        before,
      };
      try {
        setError(null);
        const answer = await listAudit(token, query, signal);
        const page = [...answer.entries].sort((a, b) => b.seq - a.seq);
        setEntries((shown) => (before === undefined ? page : [...(shown ?? []), ...page]));
        const last = page.at(-1);
        setMore(page.length === PAGE && last ? { filter: current, before: last.seq } : null);
      } catch (e) {
        if (signal?.aborted) return;
        setError(t('audit.failed', { message: errorText(t, e) }));
      }
    },
    [token, timeZone, t],
  );

  useEffect(() => {
    const abort = new AbortController();
    void load({ actor: '', action: '', from: '', to: '' }, abort.signal);
    return () => abort.abort();
  }, [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filter);
  };
  const set = (patch: Partial<Filter>) => setFilter((x) => ({ ...x, ...patch }));

  return (
    <section className="pane" data-testid="audit-log">
      <h2 className="pane__title">{t('audit.title')}</h2>
      <form className="filters" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t('audit.actor')}</span>
          <input value={filter.actor} onChange={(e) => set({ actor: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.action')}</span>
          <select value={filter.action} onChange={(e) => set({ action: AuditAction.safeParse(e.target.value).data ?? '' })}>
            <option value="">{t('audit.anyAction')}</option>
            {AuditAction.options.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.from')}</span>
          <DateField value={filter.from} onChange={(from) => set({ from })} />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.to')}</span>
          <DateField value={filter.to} onChange={(to) => set({ to })} />
        </label>
        <button type="submit" className="btn btn--primary filters__apply">
          {t('audit.apply')}
        </button>
      </form>
      <ErrorText text={error} />
      {entries && entries.length === 0 && <p className="pane__empty">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('audit.time')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="num nowrap">
                    {f.dateTimeShort(e.at)}
                    <span className="table__sub mono" title={t('audit.source')}>
                      {e.source}
                    </span>
                  </td>
                  <td>
                    {e.actor}
                    {e.role && <span className="table__sub">{t(`auth.role.${e.role}`)}</span>}
                  </td>
                  <td>
                    {t(`audit.actions.${e.action}`)}
                    {e.detail && <span className="table__sub">{detailText(t, e.detail)}</span>}
                  </td>
                  <td className="mono audit__target" title={e.target}>
                    {e.target ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="btn btn--small" onClick={() => void load(more.filter, undefined, more.before)} data-testid="audit-more">
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
