// Trade figures as the province's bulletins write them: "đạt 14,5 % kế hoạch", "giảm 30,3 %",
// "800 triệu USD" — and in English "14.5%", "down 30.3%", "USD 800 million". Pure (tested).

export type FigureLanguage = 'vi' | 'en';

const LOCALE: Record<FigureLanguage, string> = { vi: 'vi-VN', en: 'en-GB' };

const oneDecimal = (lang: FigureLanguage, n: number) =>
  new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** A percentage already ×100 (percentOfPlan 14.54) → "14,5 %" / "14.5%"; null → "—". */
export function formatPercent(value: number | null, lang: FigureLanguage): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return lang === 'vi' ? `${oneDecimal(lang, value)} %` : `${oneDecimal(lang, value)}%`;
}

export type ChangeDirection = 'up' | 'down' | 'flat';

/** Rounded to the one decimal shown, so "0,0 %" is never called a rise or a fall. */
export function changeDirection(fraction: number): ChangeDirection {
  const shown = Math.round(Math.abs(fraction) * 1000);
  if (shown === 0) return 'flat';
  return fraction > 0 ? 'up' : 'down';
}

/** A change as a fraction (−0.303) → "giảm 30,3 %" / "down 30.3%"; null → "—". */
export function formatChange(fraction: number | null, lang: FigureLanguage): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const direction = changeDirection(fraction);
  if (direction === 'flat') return lang === 'vi' ? 'không đổi' : 'unchanged';
  const size = formatPercent(Math.abs(fraction) * 100, lang);
  const word = lang === 'vi' ? (direction === 'up' ? 'tăng' : 'giảm') : direction === 'up' ? 'up' : 'down';
  return `${word} ${size}`;
}

/** A signed change for tight spots (CSV-free, screen only): −0.059 → "−5,9 %". */
export function formatSignedChange(fraction: number | null, lang: FigureLanguage): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const direction = changeDirection(fraction);
  const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '';
  return `${sign}${formatPercent(Math.abs(fraction) * 100, lang)}`;
}

const SCALES = [
  { size: 1e9, vi: 'tỷ', en: 'billion' },
  { size: 1e6, vi: 'triệu', en: 'million' },
  { size: 1e3, vi: 'nghìn', en: 'thousand' },
] as const;

/** USD in words of scale: 800e6 → "800 triệu USD" / "USD 800 million"; 5.5e9 → "5,5 tỷ USD". */
export function formatUsdCompact(usd: number, lang: FigureLanguage): string {
  const abs = Math.abs(usd);
  const scale = SCALES.find((s) => abs >= s.size);
  if (!scale) {
    const plain = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }).format(usd);
    return lang === 'vi' ? `${plain} USD` : `USD ${plain}`;
  }
  const scaled = usd / scale.size;
  // Three significant figures at most: 800 / 28,4 / 5,52 — what a bulletin would print.
  const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  const number = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(scaled);
  return lang === 'vi' ? `${number} ${scale.vi} USD` : `USD ${number} ${scale.en}`;
}
