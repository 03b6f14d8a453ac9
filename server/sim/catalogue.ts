import type { CargoCategory, Direction } from '../../shared/index.ts';
import { type Rng, intBetween, pick } from './rng.ts';

// What crosses Lạng Sơn's gates: real goods with weights and values per truck that fit them.

export interface Goods {
  description: string;
  category: CargoCategory;
  hsCode: string;
  /** Net weight per truck, kg. */
  weightKg: [number, number];
  /** Customs value per kg, USD. */
  usdPerKg: [number, number];
  localGoods?: boolean;
}

export const EXPORT_GOODS: readonly Goods[] = [
  { description: 'Thanh long ruột trắng (dragon fruit)', category: 'fresh_fruit', hsCode: '08109092', weightKg: [18000, 26000], usdPerKg: [0.5, 0.9] },
  { description: 'Mít (jackfruit)', category: 'fresh_fruit', hsCode: '08109094', weightKg: [20000, 28000], usdPerKg: [0.4, 0.7] },
  { description: 'Dưa hấu (watermelon)', category: 'fresh_fruit', hsCode: '08071100', weightKg: [22000, 30000], usdPerKg: [0.2, 0.35] },
  { description: 'Sầu riêng (durian)', category: 'fresh_fruit', hsCode: '08106000', weightKg: [14000, 20000], usdPerKg: [2.5, 4.0] },
  { description: 'Xoài (mango)', category: 'fresh_fruit', hsCode: '08045020', weightKg: [16000, 24000], usdPerKg: [0.6, 1.0] },
  { description: 'Na Chi Lăng (custard apple, Lạng Sơn)', category: 'fresh_fruit', hsCode: '08109099', weightKg: [8000, 14000], usdPerKg: [1.2, 2.0], localGoods: true },
  { description: 'Sắn lát khô (dried cassava chips)', category: 'agricultural', hsCode: '07141011', weightKg: [28000, 32000], usdPerKg: [0.2, 0.3] },
  { description: 'Hồi khô Lạng Sơn (star anise)', category: 'agricultural', hsCode: '09096100', weightKg: [10000, 18000], usdPerKg: [3.0, 5.0], localGoods: true },
  { description: 'Cao su tự nhiên (natural rubber)', category: 'industrial_materials', hsCode: '40012200', weightKg: [20000, 27000], usdPerKg: [1.5, 1.8] },
  { description: 'Tôm hùm sống (live lobster)', category: 'seafood', hsCode: '03063200', weightKg: [3000, 6000], usdPerKg: [25, 40] },
  { description: 'Gỗ ván bóc (veneer)', category: 'other', hsCode: '44083990', weightKg: [24000, 30000], usdPerKg: [0.4, 0.6], localGoods: true },
];

export const IMPORT_GOODS: readonly Goods[] = [
  { description: 'Linh kiện điện tử (electronic components)', category: 'machinery_electronics', hsCode: '85423900', weightKg: [4000, 10000], usdPerKg: [20, 60] },
  { description: 'Máy móc, thiết bị (machinery)', category: 'machinery_electronics', hsCode: '84798210', weightKg: [8000, 20000], usdPerKg: [5, 12] },
  { description: 'Phân bón NPK (fertiliser)', category: 'industrial_materials', hsCode: '31052000', weightKg: [28000, 32000], usdPerKg: [0.35, 0.5] },
  { description: 'Vải dệt kim (knitted fabric)', category: 'consumer_goods', hsCode: '60063200', weightKg: [12000, 20000], usdPerKg: [3, 5] },
  { description: 'Thép cuộn (steel coil)', category: 'industrial_materials', hsCode: '72083900', weightKg: [25000, 32000], usdPerKg: [0.7, 0.9] },
  { description: 'Táo Fuji (apples)', category: 'fresh_fruit', hsCode: '08081000', weightKg: [18000, 24000], usdPerKg: [1.0, 1.4] },
  { description: 'Đồ gia dụng (household goods)', category: 'consumer_goods', hsCode: '73239310', weightKg: [6000, 14000], usdPerKg: [2, 4] },
];

export interface Enterprise { taxCode: string; name: string }

/** Demo enterprises; the first two are the demo enterprise users of fixtures/demo-credentials.json. */
export const ENTERPRISES: readonly Enterprise[] = [
  { taxCode: '4900123456', name: 'Công ty TNHH Hoa Quả Xanh Lạng Sơn' },
  { taxCode: '0109876543-001', name: 'Công ty CP Vận tải Bắc Trung' },
  { taxCode: '4900234567', name: 'Công ty TNHH XNK Đồng Đăng' },
  { taxCode: '0301122334', name: 'Công ty CP Nông sản Miền Nam' },
  { taxCode: '2300456789', name: 'Công ty TNHH Điện tử Kinh Bắc' },
  { taxCode: '4900345678', name: 'HTX Na Chi Lăng' },
  { taxCode: '0107766554', name: 'Công ty CP Logistics Hữu Nghị' },
  { taxCode: '5700112233', name: 'Công ty TNHH Thương mại Móng Cái' },
];

const VN_PROVINCE_CODES = ['12', '12', '12', '29', '30', '51', '61', '98', '99', '71', '66'];
const VN_SERIES = ['C', 'H', 'LD', 'R'];
const CN_PREFIX = ['桂A', '桂F', '桂P', '桂B', '粤A', '云A'];

export function vietnamesePlate(rng: Rng): string {
  return `${pick(rng, VN_PROVINCE_CODES)}${pick(rng, VN_SERIES)}-${intBetween(rng, 100, 999)}.${String(intBetween(rng, 0, 99)).padStart(2, '0')}`;
}
export function chinesePlate(rng: Rng): string {
  return `${pick(rng, CN_PREFIX)}${intBetween(rng, 10000, 99999)}`;
}

export function goodsFor(direction: Direction, rng: Rng): Goods {
  return pick(rng, direction === 'export' ? EXPORT_GOODS : IMPORT_GOODS);
}
