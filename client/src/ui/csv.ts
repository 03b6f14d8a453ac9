// CSV files people open in Excel: RFC 4180 quoting, CRLF lines, a UTF-8 BOM so Vietnamese reads right.

export type CsvCell = string | number | null | undefined;

/**
 * A number as a spreadsheet should read it: float noise from sums (57163329.05000002) rounded away at 6
 * decimals, −0 as 0; callers round money to cents and shares to what they mean before.
 */
export const csvNumber = (value: number): string => (Number.isFinite(value) ? String(Number(value.toFixed(6)) + 0) : '');

const cell = (value: CsvCell): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? csvNumber(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows to CSV text (no BOM); numbers are written unformatted (14.54, 800000000). */
export const toCsv = (rows: readonly (readonly CsvCell[])[]): string => rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

/** Hands `text` to the browser as a file download named `filename`. */
export function downloadCsv(filename: string, text: string): void {
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file the server makes (an Excel sheet) with the session's token and hands it to the browser. */
export async function downloadFrom(url: string, token: string | null, filename: string): Promise<void> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
