import type { i18n as I18n } from 'i18next';
import type { GateStatus, NoticeDraft, RecommendedNoticeAlert } from '../../../../shared/index.ts';
import { LOCALES, formattersFor } from '../../i18n/format.ts';
import type { Language } from '../../i18n/index.ts';

// A recommended notice → the draft the composer opens with: its scope and window as suggested, and a reason
// written from its figures in both languages (enterprises read the one they chose). Pure but for i18n.

export function recommendationDraft(rec: RecommendedNoticeAlert, gates: Readonly<Record<string, GateStatus>>, i18n: I18n, timeZone: string): NoticeDraft {
  const reasonIn = (lang: Language): string => {
    const t = i18n.getFixedT(lang);
    const f = formattersFor(lang, timeZone, t);
    const locale = LOCALES[lang];
    // Mid-sentence: "bãi xe cửa khẩu Tân Thanh", "hoa quả tươi" (names of places keep their capitals).
    const names = rec.gateIds.map((id) => gates[id]?.name[lang] ?? id).map((n) => (lang === 'vi' ? n.charAt(0).toLocaleLowerCase(locale) + n.slice(1) : n));
    return t('recommend.reason', {
      gates: names.join(', '),
      threshold: f.percent(rec.threshold),
      peak: f.percent(rec.peakShare),
      time: f.dateTimeShort(rec.fullAt),
      goods: rec.categories.map((c) => t(`category.${c}`).toLocaleLowerCase(locale)).join(', '),
      direction: t(`direction.${rec.direction}`),
    });
  };
  return {
    gateIds: [...rec.gateIds],
    direction: rec.direction,
    categories: [...rec.categories],
    effectiveFrom: rec.effectiveFrom,
    effectiveUntil: rec.effectiveUntil,
    reason: { vi: reasonIn('vi'), en: reasonIn('en') },
  };
}
