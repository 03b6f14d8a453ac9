import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeDraft } from '../../../../shared/index.ts';
import { whatIf } from '../../api/endpoints.ts';
import { useDebounced } from '../../api/useDebounced.ts';
import { useRequest } from '../../api/useRequest.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { dayMonthFormatter } from '../../i18n/datetime.ts';
import { useConfig, useGates, useSession } from '../../stores/index.tsx';
import { shortGateName, whatIfSummary, type WhatIfGate } from './what-if.ts';

// Nếu ban hành thì sao: for the draft being composed (once its scope is valid, ~400 ms after the last edit),
// POST /forecast/what-if and show each gate's projected queue with and without the notice, and one line
// saying what is left in the yard when the notice ends.

const WhatIfChart = lazy(() => import('./WhatIfChart.tsx').then((m) => ({ default: m.WhatIfChart })));
const DEBOUNCE_MS = 400;

export function WhatIf({ draft }: { draft: NoticeDraft | null }) {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const key = useDebounced(draft ? JSON.stringify(draft) : null, DEBOUNCE_MS);
  // The key is the draft itself: parsed back, never cast.
  const result = useRequest(key, (signal) => whatIf(token, NoticeDraft.parse(JSON.parse(key ?? 'null')), signal));
  const shown = key === null ? null : result.data;
  const shownDraft = key === null ? null : NoticeDraft.safeParse(JSON.parse(key)).data;

  return (
    <section className={result.loading ? 'what-if what-if--loading' : 'what-if'} aria-busy={result.loading} data-testid="what-if">
      <h3 className="composer__preview-title">{t('whatIf.title')}</h3>
      {draft === null && <p className="what-if__state">{t('whatIf.incomplete')}</p>}
      {draft !== null && result.error !== null && (
        <p className="error-text" role="alert">
          {t('whatIf.failed', { message: errorText(t, result.error) })}
        </p>
      )}
      {draft !== null && !shown && result.loading && <p className="what-if__state">{t('whatIf.loading')}</p>}
      <div aria-live="polite">
        {draft !== null && shown && shownDraft && shown.gates.map((g) => <WhatIfGateView key={g.gateId} gate={g} draft={shownDraft} />)}
      </div>
    </section>
  );
}

function WhatIfGateView({ gate, draft }: { gate: WhatIfGate; draft: NoticeDraft }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const dayMonth = dayMonthFormatter(useConfig((s) => s.config.timezone));
  const status = useGates((s) => s.byId[gate.gateId]);
  const en = i18n.language === 'en';
  const name = status ? shortGateName(en ? status.name.en : status.name.vi) : gate.gateId;
  const summary = whatIfSummary(gate, draft.effectiveUntil);
  if (!summary) return null;
  const fmt = { day: dayMonth, full: f.timeDayMonth, number: f.number };
  const fullText = (at: string | null) => (at === null ? t('whatIf.notFull') : f.timeDayMonth(at));
  return (
    <div className="what-if__gate" data-testid={`what-if-${gate.gateId}`}>
      <p className="what-if__summary num" data-testid={`what-if-summary-${gate.gateId}`}>
        {t(summary.atEnd ? 'whatIf.summaryEnd' : 'whatIf.summaryOpen', {
          gate: name,
          with: f.number(summary.withQueue),
          without: f.number(summary.withoutQueue),
          time: f.timeDayMonth(summary.at),
        })}
      </p>
      {(summary.fullWith !== null || summary.fullWithout !== null) && (
        <p className="what-if__full num">{t('whatIf.full', { without: fullText(summary.fullWithout), with: fullText(summary.fullWith) })}</p>
      )}
      <Suspense fallback={<div className="what-if__chart" />}>
        <WhatIfChart
          gate={gate}
          from={draft.effectiveFrom}
          until={draft.effectiveUntil}
          label={t('whatIf.chart', { gate: name })}
          text={{ with: t('whatIf.with'), without: t('whatIf.without'), capacity: t('whatIf.capacity') }}
          fmt={fmt}
        />
      </Suspense>
    </div>
  );
}
