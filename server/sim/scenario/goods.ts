import { laneOf, type Lane } from '../../../shared/lanes.ts';
import type { Direction } from '../../../shared/primitives.ts';
import { EXPORT_GOODS, ENTERPRISES, IMPORT_GOODS, type Enterprise, type Goods } from '../catalogue.ts';
import { type Rng, intBetween, pick } from '../rng.ts';

// What a Q1 2022 truck carries, who declares it and its plates. The catalogue's winter frequency
// weights each pool; a lane's pool holds the categories shared/lanes.ts puts in that lane, so the
// scenario and the server's per-lane waits see the same two lanes.

const pool = (goods: readonly Goods[], keep: (g: Goods) => boolean): Goods[] =>
  goods.filter(keep).flatMap((g) => Array.from({ length: g.frequency ?? 1 }, () => g));
const FRUIT = pool(EXPORT_GOODS, (g) => g.category === 'fresh_fruit');
const EXPORTS: Record<Lane, Goods[]> = {
  fresh: pool(EXPORT_GOODS, (g) => laneOf(g.category) === 'fresh' && g.category !== 'fresh_fruit'),
  other: pool(EXPORT_GOODS, (g) => laneOf(g.category) === 'other'),
};
const IMPORTS: Record<Lane, Goods[]> = {
  fresh: pool(IMPORT_GOODS, (g) => laneOf(g.category) === 'fresh'),
  other: pool(IMPORT_GOODS, (g) => laneOf(g.category) === 'other'),
};

export const exportGoods = (rng: Rng, lane: Lane, fruit: boolean): Goods => pick(rng, fruit ? FRUIT : EXPORTS[lane]);
export const importGoods = (rng: Rng, lane: Lane): Goods => pick(rng, IMPORTS[lane]);

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
