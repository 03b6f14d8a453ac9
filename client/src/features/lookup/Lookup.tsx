import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationView } from '../../../../shared/index.ts';
import { lookup } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useGates, useSession } from '../../stores/index.tsx';
import { DeclarationDetails, STATE_TONE } from '../../ui/DeclarationDetails.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { TrailButton } from '../../ui/TruckTrail.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// Tra cứu: one box for a declaration number or a plate (the server's one plate rule), newest first.

export function Lookup() {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const gates = useGates((s) => s.byId);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<DeclarationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await lookup(token, q);
      setResults(answer.declarations);
    } catch (e) {
      setResults(null);
      setError(t('lookup.failed', { message: errorText(t, e) }));
    }
    setBusy(false);
  };

  return (
    <section className="pane" data-testid="lookup">
      <h2 className="pane__title">{t('lookup.title')}</h2>
      <form className="search-row" onSubmit={(e) => void search(e)}>
        <label className="sr-only" htmlFor="lookup-q">
          {t('lookup.label')}
        </label>
        <input id="lookup-q" value={query} placeholder={t('lookup.placeholder')} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('common.search')}
        </button>
      </form>
      <ErrorText text={error} />
      {results && !error && (
        <p className="pane__meta">{results.length === 0 ? t('lookup.notFound', { q: query.trim() }) : t('lookup.results', { count: results.length })}</p>
      )}
      {results?.map((d) => (
        <article key={d.declarationId} className="card">
          <header className="card__head">
            <span className="plate">{d.vehicle.plate}</span>
            <Badge tone={STATE_TONE[d.state]}>{t(`decl.state.${d.state}`)}</Badge>
          </header>
          <DeclarationDetails d={d} gate={gates[d.gateId]} />
          <TrailButton declarationId={d.declarationId} plate={d.vehicle.plate} />
        </article>
      ))}
    </section>
  );
}
