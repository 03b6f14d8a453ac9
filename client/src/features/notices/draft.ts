import { CARGO_CATEGORIES, type CargoCategory, type NoticeDirection, type NoticeDraft } from '../../../../shared/index.ts';
import { fromLocalInput, toLocalInput } from '../../i18n/datetime.ts';

// The notice form's values and the rules that turn them into a NoticeDraft (what the server checks
// again; here so the operator hears about a mistake before sending).

export interface NoticeForm {
  gateIds: string[];
  direction: NoticeDirection;
  allGoods: boolean;
  categories: CargoCategory[];
  /** <input type="datetime-local"> values, local to the deployment's timezone. */
  from: string;
  until: string;
  reasonVi: string;
  reasonEn: string;
}

export type FormErrorKey = 'gates' | 'categories' | 'from' | 'until' | 'reason';

/** Pre-filled scope: that gate, export, fresh fruit, in force from the server clock, until further notice. */
export const initialForm = (gateId: string, serverNowIso: string, timeZone: string): NoticeForm => ({
  gateIds: [gateId],
  direction: 'export',
  allGoods: false,
  categories: ['fresh_fruit'],
  from: toLocalInput(serverNowIso, timeZone),
  until: '',
  reasonVi: '',
  reasonEn: '',
});

export function buildDraft(form: NoticeForm, timeZone: string): { draft: NoticeDraft; errors: [] } | { draft: null; errors: FormErrorKey[] } {
  const errors: FormErrorKey[] = [];
  if (form.gateIds.length === 0) errors.push('gates');
  if (!form.allGoods && form.categories.length === 0) errors.push('categories');
  const from = fromLocalInput(form.from, timeZone);
  if (!from) errors.push('from');
  const until = form.until.trim() ? fromLocalInput(form.until, timeZone) : undefined;
  if (until === null || (until && from && Date.parse(until) <= Date.parse(from))) errors.push('until');
  const reasonVi = form.reasonVi.trim();
  if (!reasonVi) errors.push('reason');
  if (errors.length > 0 || !from) return { draft: null, errors };
  const reasonEn = form.reasonEn.trim();
  const draft: NoticeDraft = {
    gateIds: form.gateIds,
    direction: form.direction,
    effectiveFrom: from,
    reason: reasonEn ? { vi: reasonVi, en: reasonEn } : { vi: reasonVi },
  };
  if (!form.allGoods) draft.categories = CARGO_CATEGORIES.filter((c) => form.categories.includes(c));
  if (until) draft.effectiveUntil = until;
  return { draft, errors: [] };
}

/** What the preview shows while the form is still incomplete. */
export const previewOf = (form: NoticeForm, timeZone: string) => ({
  gateIds: form.gateIds,
  direction: form.direction,
  categories: form.allGoods ? undefined : CARGO_CATEGORIES.filter((c) => form.categories.includes(c)),
  effectiveFrom: fromLocalInput(form.from, timeZone) ?? '',
  effectiveUntil: form.until.trim() ? (fromLocalInput(form.until, timeZone) ?? undefined) : undefined,
  reason: { vi: form.reasonVi.trim(), en: form.reasonEn.trim() || undefined },
});

/** A draft (a recommended notice's) as the form's values, so the operator can read and edit it before issuing. */
export const formFromDraft = (draft: NoticeDraft, timeZone: string): NoticeForm => ({
  gateIds: [...draft.gateIds],
  direction: draft.direction,
  allGoods: draft.categories === undefined,
  categories: draft.categories ? [...draft.categories] : [],
  from: toLocalInput(draft.effectiveFrom, timeZone),
  until: draft.effectiveUntil ? toLocalInput(draft.effectiveUntil, timeZone) : '',
  reasonVi: draft.reason.vi,
  reasonEn: draft.reason.en ?? '',
});

/**
 * The draft the what-if projects: the form's scope and period when they are valid. The reason changes no
 * figure, so one not written yet does not hold the forecast back (a placeholder stands in for it).
 */
export const scopeDraft = (form: NoticeForm, timeZone: string): NoticeDraft | null =>
  buildDraft({ ...form, reasonVi: form.reasonVi.trim() || '…' }, timeZone).draft;
