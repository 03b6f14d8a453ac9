import type { Bulletin } from '../../../shared/bulletin.ts';
import { CARGO_CATEGORIES, DIRECTIONS, type CargoCategory, type Direction } from '../../../shared/primitives.ts';

// The daily bulletin as an Excel workbook (exceljs): one sheet of figures per gate × direction with the
// waiting trucks by goods, one of the notices in force. Vietnamese or English headings.

const TEXT = {
  vi: {
    sheet: 'Bản tin',
    notices: 'Thông báo',
    title: (date: string) => `Bản tin tình hình xuất nhập khẩu qua các cửa khẩu — 20:00 ngày ${date.split('-').reverse().join('/')}`,
    gate: 'Cửa khẩu',
    direction: 'Chiều',
    waiting: 'Tồn lúc 20:00',
    arrived: 'Mới đến (24 giờ)',
    cleared: 'Thông quan (24 giờ)',
    turned: 'Quay đầu (24 giờ)',
    total: 'Tổng',
    dir: { export: 'Xuất khẩu', import: 'Nhập khẩu' } as Record<Direction, string>,
    cat: {
      fresh_fruit: 'Trái cây tươi',
      agricultural: 'Nông sản',
      seafood: 'Thủy sản',
      machinery_electronics: 'Máy móc, điện tử',
      industrial_materials: 'Nguyên liệu công nghiệp',
      consumer_goods: 'Hàng tiêu dùng',
      other: 'Khác',
    } as Record<CargoCategory, string>,
    noticeCols: ['Số', 'Cửa khẩu', 'Chiều', 'Từ', 'Đến', 'Nội dung'],
  },
  en: {
    sheet: 'Bulletin',
    notices: 'Notices',
    title: (date: string) => `Daily bulletin of the border gates — 20:00 on ${date}`,
    gate: 'Gate',
    direction: 'Direction',
    waiting: 'Waiting at 20:00',
    arrived: 'Arrived (24 h)',
    cleared: 'Cleared (24 h)',
    turned: 'Turned around (24 h)',
    total: 'Total',
    dir: { export: 'Export', import: 'Import' } as Record<Direction, string>,
    cat: {
      fresh_fruit: 'Fresh fruit',
      agricultural: 'Farm goods',
      seafood: 'Seafood',
      machinery_electronics: 'Machinery, electronics',
      industrial_materials: 'Industrial materials',
      consumer_goods: 'Consumer goods',
      other: 'Other',
    } as Record<CargoCategory, string>,
    noticeCols: ['No.', 'Gates', 'Direction', 'From', 'Until', 'Reason'],
  },
};

export async function bulletinWorkbook(b: Bulletin, lang: 'vi' | 'en'): Promise<Buffer> {
  const t = TEXT[lang];
  // Loaded on first use: the library costs ≈ 0.25 s to load, which a restart need not wait for.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Cửa khẩu số';
  const sheet = book.addWorksheet(t.sheet);
  sheet.addRow([t.title(b.date)]).font = { bold: true, size: 13 };
  const header = sheet.addRow([t.gate, t.direction, t.waiting, ...CARGO_CATEGORIES.map((c) => t.cat[c]), t.arrived, t.cleared, t.turned]);
  header.font = { bold: true };
  const rows = [...b.gates.map((g) => ({ ...g, label: g.name[lang] })), { ...b.total, label: t.total }];
  for (const g of rows) {
    for (const dir of DIRECTIONS) {
      sheet.addRow([g.label, t.dir[dir], g.waiting[dir], ...CARGO_CATEGORIES.map((c) => g.waitingByCategory[dir][c]), g.arrived[dir], g.cleared[dir], g.turnedAround[dir]]);
    }
  }
  sheet.getColumn(1).width = 22;
  for (let i = 2; i <= 3 + CARGO_CATEGORIES.length + 3; i++) sheet.getColumn(i).width = 14;
  const notices = book.addWorksheet(t.notices);
  notices.addRow(t.noticeCols).font = { bold: true };
  for (const n of b.notices) {
    notices.addRow([n.id, n.gateIds.join(', '), n.direction, n.effectiveFrom, n.effectiveUntil ?? '', lang === 'en' ? (n.reason.en ?? n.reason.vi) : n.reason.vi]);
  }
  notices.getColumn(6).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
