import { parse } from 'csv-parse/sync';
import type { CustomsRow, CustomsRowReport } from '../../shared/customs.ts';
import type { CheckResult } from '../../shared/events.ts';

// Reading a customs e-system export (CSV with Vietnamese or English headings, `,` or `;`, optional BOM,
// dd/mm/yyyy or ISO dates; or JSON `{rows: [...]}` / `[...]` with the English names). Each row is read on
// its own: a bad one is reported with its line and reason, its neighbours still count. Local times are in
// the deployment's zone.

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');

const HEADINGS: Record<string, keyof RawRow> = {
  so_to_khai: 'declarationId',
  so_tk: 'declarationId',
  to_khai: 'declarationId',
  declarationid: 'declarationId',
  declaration_id: 'declarationId',
  bien_so: 'plate',
  bien_so_xe: 'plate',
  bks: 'plate',
  plate: 'plate',
  ngay: 'date',
  ngay_kiem_tra: 'date',
  date: 'date',
  ket_qua: 'result',
  result: 'result',
  thoi_gian: 'time',
  gio: 'time',
  time: 'time',
  ghi_chu: 'note',
  note: 'note',
  so_hieu: 'rowId',
  ma_ban_ghi: 'rowId',
  row_id: 'rowId',
  rowid: 'rowId',
  id: 'rowId',
};

interface RawRow {
  declarationId?: string;
  plate?: string;
  date?: string;
  result?: string;
  time?: string;
  note?: string;
  rowId?: string;
}

const RESULTS: Record<string, CheckResult> = {
  thong_quan: 'confirmed',
  dat: 'confirmed',
  confirmed: 'confirmed',
  ok: 'confirmed',
  passed: 'confirmed',
  '1': 'confirmed',
  khong_dat: 'rejected',
  tu_choi: 'rejected',
  rejected: 'rejected',
  failed: 'rejected',
  '0': 'rejected',
};

export interface Clock {
  /** Local midnight of a YYYY-MM-DD date, epoch ms. */
  dayStart(date: string): number;
  formatIso(ms: number): string;
  localDate(ms: number): string;
}

export type Parsed = { rows: CustomsRow[]; invalid: CustomsRowReport[] };

function toDate(s: string): string | undefined {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return undefined;
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${out}T00:00:00Z`)) || new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10) !== out ? undefined : out;
}

/** One raw row → a CustomsRow, or why not. */
export function readRow(raw: RawRow, line: number, clock: Clock): { row: CustomsRow } | { invalid: CustomsRowReport } {
  const bad = (message: string): { invalid: CustomsRowReport } => ({
    invalid: { line, outcome: 'invalid', message, ...(raw.rowId ? { rowId: raw.rowId } : {}), ...(raw.declarationId ? { declarationId: raw.declarationId } : {}), ...(raw.plate ? { plate: raw.plate } : {}) },
  });
  const result = raw.result === undefined ? undefined : RESULTS[fold(raw.result)];
  if (!result) return bad(`result: "${raw.result ?? ''}" is not a result (thông quan / không đạt, confirmed / rejected)`);
  const declarationId = raw.declarationId?.trim() || undefined;
  const plate = raw.plate?.trim() || undefined;
  if (!declarationId && !plate) return bad('neither a declaration number nor a plate');
  const time = raw.time?.trim() ?? '';
  let occurredMs: number | undefined;
  let date = raw.date ? toDate(raw.date) : undefined;
  if (raw.date && !date) return bad(`date: "${raw.date}" is not dd/mm/yyyy or yyyy-mm-dd`);
  if (/^\d{4}-\d{2}-\d{2}T/.test(time)) {
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(time) || Number.isNaN(Date.parse(time))) return bad(`time: "${time}" needs its offset (e.g. +07:00)`);
    occurredMs = Date.parse(time);
    date ??= clock.localDate(occurredMs);
  } else {
    const hm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
    if (!date) return bad('date: missing (or give the time as a full datetime with offset)');
    if (time === '') occurredMs = clock.dayStart(date) + 12 * 3_600_000;
    else if (!hm || Number(hm[1]) > 23 || Number(hm[2]) > 59) return bad(`time: "${time}" is not HH:mm`);
    else occurredMs = clock.dayStart(date) + (Number(hm[1]) * 60 + Number(hm[2])) * 60_000 + Number(hm[3] ?? 0) * 1000;
  }
  const note = raw.note?.trim().slice(0, 900) || undefined;
  return {
    row: {
      line,
      date,
      result,
      occurredAt: clock.formatIso(occurredMs),
      ...(raw.rowId?.trim() ? { rowId: raw.rowId.trim().slice(0, 64) } : {}),
      ...(declarationId ? { declarationId: declarationId.slice(0, 64) } : {}),
      ...(plate ? { plate } : {}),
      ...(note ? { note } : {}),
    },
  };
}

const asText = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function collect(records: readonly Record<string, unknown>[], firstLine: number, clock: Clock): Parsed {
  const out: Parsed = { rows: [], invalid: [] };
  records.forEach((rec, i) => {
    const raw: RawRow = {};
    for (const [k, v] of Object.entries(rec)) {
      const field = HEADINGS[fold(k)];
      const text = asText(v);
      if (field && text !== undefined) raw[field] = text;
    }
    const read = readRow(raw, firstLine + i, clock);
    if ('row' in read) out.rows.push(read.row);
    else out.invalid.push(read.invalid);
  });
  return out;
}

/** A CSV export: header row, then one row per line (line numbers as in the file). */
export function parseCsv(text: string, clock: Clock): Parsed {
  const records = parse(text, { columns: true, bom: true, delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, unknown>[];
  return collect(records, 2, clock);
}

/** A JSON export: `{ rows: [...] }` or `[...]`, English field names (line = the row's 1-based index). */
export function parseJson(value: unknown, clock: Clock): Parsed | { error: string } {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows) ? (value as { rows: unknown[] }).rows : undefined;
  if (!list) return { error: 'expected an array of rows or { rows: [...] }' };
  return collect(list.map((r) => (r !== null && typeof r === 'object' ? (r as Record<string, unknown>) : {})), 1, clock);
}
