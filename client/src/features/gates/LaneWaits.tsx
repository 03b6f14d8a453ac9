import { useTranslation } from 'react-i18next';
import type { Direction, GateStatus, Lane, LaneWait } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';

// Thời gian chờ theo luồng: per direction and lane, the wait for a truck arriving now (with the range of
// recent fast / slow days) beside what it is made of (trucks waiting, cleared a day) and what recently
// cleared trucks actually waited (median / p90) — so a trader can judge the estimate against the record.

const DIRECTIONS: readonly Direction[] = ['export', 'import'];
const LANE_ORDER: Record<Lane, number> = { fresh: 0, other: 1 };

export function LaneWaits({ gate }: { gate: GateStatus }) {
  const { t } = useTranslation();
  const id = gate.id;
  return (
    <table className="lanes" data-testid={`lane-waits-${id}`}>
      <caption className="lanes__caption">{t('lanes.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="lanes__lane">
            {t('lanes.lane')}
          </th>
          <th scope="col" title={t('lanes.estimateTitle')}>
            {t('lanes.estimate')}
          </th>
          <th scope="col" className="lanes__n">
            {t('lanes.waiting')}
          </th>
          <th scope="col" className="lanes__n" title={t('lanes.clearedPerDayTitle')}>
            {t('lanes.clearedPerDay')}
          </th>
          <th scope="col" className="lanes__measured" title={t('lanes.measuredTitle')}>
            {t('lanes.measured')}
          </th>
        </tr>
      </thead>
      {DIRECTIONS.map((direction) => (
        <tbody key={direction} data-testid={`lane-waits-${id}-${direction}`}>
          <tr className="lanes__group">
            <th scope="rowgroup" colSpan={5}>
              {t(`directionShort.${direction}`)}
            </th>
          </tr>
          {[...gate.waits[direction]]
            .sort((a, b) => LANE_ORDER[a.lane] - LANE_ORDER[b.lane])
            .map((w) => (
              <LaneRow key={w.lane} wait={w} testId={`lane-wait-${id}-${direction}-${w.lane}`} />
            ))}
        </tbody>
      ))}
    </table>
  );
}

function LaneRow({ wait, testId }: { wait: LaneWait; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const estimate = f.approxWait(wait.estimatedWaitMinutes, wait.estimatedWaitRange);
  const measured = f.waitPair(wait.measured.medianMinutes, wait.measured.p90Minutes);
  return (
    <tr data-testid={testId}>
      <th scope="row" className="lanes__lane" title={t(`lanes.${wait.lane}Title`)}>
        {t(`lanes.${wait.lane}`)}
      </th>
      <td className={estimate === null ? 'lanes__estimate lanes__estimate--unknown' : 'lanes__estimate'} data-testid={`${testId}-estimate`}>
        {estimate ?? t('lanes.unknown')}
      </td>
      <td className="lanes__n num">{f.number(wait.queue)}</td>
      <td className="lanes__n num">{wait.clearedPerDay === null ? '—' : f.number(wait.clearedPerDay)}</td>
      <td className="lanes__measured num" title={t('lanes.measuredCount', { count: wait.measured.count })} data-testid={`${testId}-measured`}>
        {measured ?? '—'}
      </td>
    </tr>
  );
}
