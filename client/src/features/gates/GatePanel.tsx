import { useTranslation } from 'react-i18next';
import { FORCES, type GateStatusValue } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { congestionLevel, queueTotal, useGates, useNotices, useSelection, useSession, useStores, yardShare } from '../../stores/index.tsx';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { FillBar } from '../../ui/FillBar.tsx';
import { StatBlock } from '../../ui/StatBlock.tsx';
import { LaneWaits } from './LaneWaits.tsx';
import { YardOutlook } from './YardOutlook.tsx';

// One gate at a glance (một cửa khẩu): status, queue, what is coming, what cleared, yard fill and when the
// forecast has it full, and the wait per direction and lane. The lanes replace the single gate-wide wait:
// fresh produce waits days while other goods pass in hours, and one mixed figure told neither trader the truth.

const STATUS_TONE: Record<GateStatusValue, Tone> = { receiving: 'ok', restricted: 'warn', stopped: 'danger' };

export function GatePanel({ gateId }: { gateId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const gate = useGates((s) => s.byId[gateId]);
  const selected = useSelection((s) => s.gateId === gateId);
  const select = useSelection((s) => s.select);
  const stores = useStores();
  const operator = useSession((s) => s.user?.role === 'operator');
  // The bottleneck figure (trucks each force still has to check) is for the people who run the gates.
  const staff = useSession((s) => s.user?.role === 'operator' || s.user?.role === 'border_force');
  const notices = useNotices((s) => s.byId);
  if (!gate) return null;
  // What each notice in force stops — goods and direction first (what a trader needs), then its reason.
  const reasons = gate.activeNotices
    .map((id) => notices[id])
    .map((n) => {
      if (!n) return null;
      const goods = n.categories ? n.categories.map((c) => t(`category.${c}`)).join(', ') : t('work.allGoods');
      const scope = t('gate.noticeScope', { goods, direction: t(`direction.${n.direction}`) });
      return `${scope} — ${(i18n.language === 'en' && n.reason.en) || n.reason.vi}`;
    })
    .filter((r): r is string => r !== null);

  const name = i18n.language === 'en' ? gate.name.en : gate.name.vi;
  const total = queueTotal(gate);
  const share = yardShare(gate);
  const level = congestionLevel(share);
  const split = (d: { export: number; import: number }) =>
    t('gate.exportImport', { export: f.number(d.export), import: f.number(d.import) });

  return (
    <article
      className={selected ? 'gate-panel gate-panel--selected' : 'gate-panel'}
      data-testid={`gate-panel-${gate.id}`}
      aria-labelledby={`gate-name-${gate.id}`}
    >
      <header className="gate-panel__head">
        <button type="button" className="gate-panel__name" id={`gate-name-${gate.id}`} onClick={() => select(gate.id)} title={t('gate.select', { name })}>
          {name}
        </button>
        <Badge tone={STATUS_TONE[gate.status]} testId={`gate-status-${gate.id}`}>
          {t(`status.${gate.status}`)}
        </Badge>
      </header>

      <div className="gate-panel__queue">
        <span className="gate-panel__queue-label">{t('gate.queueTotal')}</span>
        <span className={`gate-panel__queue-value level--${level}`} data-testid={`queue-total-${gate.id}`}>
          {f.number(total)}
        </span>
        <span className="gate-panel__queue-unit">{t('gate.trucks')}</span>
      </div>

      <dl className="gate-panel__stats">
        <StatBlock label={t('gate.queueExport')} value={f.number(gate.queue.export)} testId={`queue-export-${gate.id}`} />
        <StatBlock label={t('gate.queueImport')} value={f.number(gate.queue.import)} testId={`queue-import-${gate.id}`} />
        <StatBlock label={t('gate.expected')} value={f.number(gate.expected.export + gate.expected.import)} hint={split(gate.expected)} />
        <StatBlock label={t('gate.clearedLastHour')} value={f.number(gate.clearedLastHour)} />
        <StatBlock
          label={t('gate.clearedToday')}
          value={f.number(gate.clearedToday.export + gate.clearedToday.import)}
          hint={split(gate.clearedToday)}
        />
      </dl>

      <div className="gate-panel__yard">
        <div className="gate-panel__yard-head">
          <span>{t('gate.yard')}</span>
          <span className="num">
            {t('gate.yardFill', { queue: f.number(total), capacity: f.number(gate.yardCapacity) })} · {f.percent(share)}
          </span>
        </div>
        <FillBar share={share} level={level} label={t('gate.yard')} valueText={`${f.percent(share)} · ${t(`congestion.${level}`)}`} />
        <YardOutlook gate={gate} />
      </div>

      <LaneWaits gate={gate} />
      {staff && (
        <p className="gate-panel__work" data-testid={`gate-backlog-${gate.id}`}>
          <b>{t('work.backlog')}</b>{' '}
          {FORCES.map((force) => `${t(`force.${force}`)} ${f.number(gate.awaiting[force] ?? 0)}`).join(' · ')}
        </p>
      )}
      <p className="gate-panel__work" data-testid={`gate-work-${gate.id}`}>
        {gate.servicePattern ? t('work.patternShort', { p: gate.servicePattern.priority, r: gate.servicePattern.regular }) : t('work.fifo')}
        {' · '}
        {t('work.readyCount', { n: f.number(gate.readyToClear) })}
        {gate.awaitingHandover > 0 && ` · ${t('work.handoverCount', { n: f.number(gate.awaitingHandover) })}`}
      </p>

      {gate.activeNotices.length > 0 && (
        <div className="gate-panel__notice" role="note" data-testid={`gate-notices-${gate.id}`}>
          <b>{t('gate.notices', { count: gate.activeNotices.length })}</b>
          {reasons.map((r, i) => (
            <span key={i} className="gate-panel__notice-reason">
              {r}
            </span>
          ))}
        </div>
      )}

      <div className="gate-panel__actions">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => stores.view.getState().openHistory(gate.id)}
          title={t('history.openTitle', { name })}
          data-testid={`history-${gate.id}`}
        >
          {t('history.open')}
        </button>
        {operator && (
          <button type="button" className="btn btn--small gate-panel__compose" onClick={() => stores.view.getState().openComposer(gate.id)} data-testid={`compose-${gate.id}`}>
            {t('notice.compose')}
          </button>
        )}
      </div>
    </article>
  );
}
