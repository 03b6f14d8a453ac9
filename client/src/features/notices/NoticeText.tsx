import { useTranslation } from 'react-i18next';
import type { NoticeDraft } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates } from '../../stores/index.tsx';

// A stop-receiving notice as an enterprise reads it: who issues it, which gates, direction, goods,
// from–until, why. English when chosen and given, else Vietnamese (the authoritative text).

export type NoticeContent = Pick<NoticeDraft, 'gateIds' | 'direction' | 'categories' | 'effectiveFrom' | 'effectiveUntil'> & {
  reason: { vi: string; en?: string | undefined };
};

export function NoticeText({ notice, testId }: { notice: NoticeContent; testId?: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const gates = useGates((s) => s.byId);
  const en = i18n.language === 'en';
  const gateNames = notice.gateIds.map((id) => {
    const gate = gates[id];
    return gate ? (en ? gate.name.en : gate.name.vi) : id;
  });
  const goods = notice.categories?.length ? notice.categories.map((c) => t(`category.${c}`)).join(', ') : t('category.all');
  const when = (at: string) => (Number.isNaN(Date.parse(at)) ? '…' : f.dateTimeShort(at));
  const period = notice.effectiveUntil
    ? t('notice.fromUntil', { from: when(notice.effectiveFrom), until: when(notice.effectiveUntil) })
    : t('notice.untilFurther', { time: when(notice.effectiveFrom) });
  const reason = (en && notice.reason.en?.trim()) || notice.reason.vi;

  return (
    <div className="notice-text" data-testid={testId}>
      <p className="notice-text__issuer">{t('notice.issuer')}</p>
      <p className="notice-text__heading">{t('notice.heading')}</p>
      <dl className="notice-text__facts">
        <dt>{t('notice.gates')}</dt>
        <dd>{gateNames.join(', ')}</dd>
        <dt>{t('notice.direction')}</dt>
        <dd>{t(`direction.${notice.direction}`)}</dd>
        <dt>{t('notice.goods')}</dt>
        <dd>{goods}</dd>
        <dt>{t('notice.period')}</dt>
        <dd className="num">{period}</dd>
        <dt>{t('notice.reason')}</dt>
        <dd>{reason || '…'}</dd>
      </dl>
    </div>
  );
}
