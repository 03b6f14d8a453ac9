import type { Direction } from '../../../shared/primitives.ts';
import { EXPORT_GOODS, ENTERPRISES, IMPORT_GOODS, type Enterprise, type Goods } from '../catalogue.ts';
import { type Rng, intBetween, pick } from '../rng.ts';

// What a Q1 2022 truck carries, who declares it and its plates. Fresh fruit in winter: dragon fruit,
// jackfruit, watermelon, durian, mango (no custard apple: it is a late-summer crop).

/** Goods repeated by how often a truck carries them: durian and live lobster are the rare, dear loads. */
const weighted = (weights: Record<string, number>): Goods[] =>
  EXPORT_GOODS.flatMap((g) => Array.from({ length: weights[g.hsCode] ?? 0 }, () => g));
const WINTER_FRUIT = weighted({ '08109092': 4, '08109094': 3, '08071100': 3, '08045020': 2, '08106000': 1 });
const LOCAL_EXPORTS = EXPORT_GOODS.filter((g) => g.category !== 'fresh_fruit' && g.localGoods);
const NON_LOCAL_EXPORTS = weighted({ '07141011': 5, '40012200': 2, '03063200': 1 });

/** Share of non-fruit export trucks that carry the province's own goods (hàng địa phương). */
const LOCAL_SHARE_OF_OTHER_EXPORTS = 0.12;

export function exportGoods(rng: Rng, fruit: boolean): Goods {
  if (fruit) return pick(rng, WINTER_FRUIT);
  return pick(rng, rng() < LOCAL_SHARE_OF_OTHER_EXPORTS ? LOCAL_EXPORTS : NON_LOCAL_EXPORTS);
}

export const importGoods = (rng: Rng): Goods => pick(rng, IMPORT_GOODS);

// Fruit comes up from the south (Bình Thuận 86, Long An 62, Tiền Giang 63, Đồng Nai 60…);
// Lạng Sơn (12) and Hà Nội (29, 30) hauliers carry the rest.
const FRUIT_PLATE_CODES = ['86', '62', '63', '60', '61', '51', '64', '71', '12'];
const OTHER_PLATE_CODES = ['12', '12', '12', '29', '30', '98', '99', '14', '20'];
const CN_PREFIXES = ['桂A', '桂F', '桂F', '桂P', '桂B', '桂K', '粤A', '云A'];

export function plateFor(rng: Rng, direction: Direction, fruit: boolean): { plate: string; country: 'VN' | 'CN' } {
  if (direction === 'import' && rng() < 0.6) return { plate: `${pick(rng, CN_PREFIXES)}${intBetween(rng, 10000, 99999)}`, country: 'CN' };
  const code = pick(rng, fruit ? FRUIT_PLATE_CODES : OTHER_PLATE_CODES);
  const series = pick(rng, ['C', 'H', 'LD', 'R']);
  return { plate: `${code}${series}-${intBetween(rng, 100, 999)}.${String(intBetween(rng, 0, 99)).padStart(2, '0')}`, country: 'VN' };
}

const FRUIT_TRADERS: readonly Enterprise[] = [
  { taxCode: '3401234567', name: 'Công ty TNHH Thanh Long Bình Thuận' },
  { taxCode: '1100987654', name: 'Công ty CP Nông sản Long An' },
  { taxCode: '1201122334', name: 'HTX Trái cây Tiền Giang' },
  { taxCode: '3600556677', name: 'Công ty TNHH XNK Trái cây Đồng Nai' },
];

export function enterpriseFor(rng: Rng, fruit: boolean): Enterprise {
  return pick(rng, fruit && rng() < 0.6 ? FRUIT_TRADERS : ENTERPRISES);
}
