import type { Response } from 'express';
import type { TableCell } from '../../../shared/report-tables.ts';

// A table (the same rows as the console's CSV) as an Excel workbook of one sheet, sent as a download.

export async function sendTableXlsx(res: Response, table: { sheet: string; filename: string; rows: readonly (readonly TableCell[])[] }): Promise<void> {
  // Loaded on first use: the library costs ≈ 0.25 s to load, which a restart need not wait for.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Cửa khẩu số';
  const sheet = book.addWorksheet(table.sheet);
  table.rows.forEach((row, i) => {
    const added = sheet.addRow([...row]);
    if (i === 0) added.font = { bold: true };
  });
  sheet.columns.forEach((c) => (c.width = 20));
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${table.filename}"`);
  res.send(Buffer.from(await book.xlsx.writeBuffer()));
}
