import type { CargoCategory, Direction } from '../../shared/index.ts';
import { type Rng, intBetween, pick } from './rng.ts';

// What crosses Lạng Sơn's gates: real goods with weights and values per truck that fit them.
// HS codes are Vietnam's 8-digit tariff lines (AHTN); values are customs values at the border.

export interface Goods {
  description: string;
  category: CargoCategory;
  hsCode: string;
  /** Net weight per truck, kg. */
  weightKg: [number, number];
  /** Customs value per kg, USD. */
  usdPerKg: [number, number];
  localGoods?: boolean;
  /** How many trucks carry it in winter, relative to the others of its kind (default 1). */
  frequency?: number;
}

export const EXPORT_GOODS: readonly Goods[] = [
  // Fresh fruit in winter comes up from the Mekong delta and the south-east; longan, lychee and
  // rambutan are summer crops, custard apple (na Chi Lăng) a late-summer one — the live demo keeps it.
  { description: 'Thanh long ruột trắng (white dragon fruit)', category: 'fresh_fruit', hsCode: '08109092', weightKg: [18000, 26000], usdPerKg: [0.5, 0.9], frequency: 8 },
  { description: 'Thanh long ruột đỏ (red dragon fruit)', category: 'fresh_fruit', hsCode: '08109092', weightKg: [18000, 24000], usdPerKg: [0.8, 1.3], frequency: 2 },
  { description: 'Mít (jackfruit)', category: 'fresh_fruit', hsCode: '08109094', weightKg: [20000, 28000], usdPerKg: [0.4, 0.7], frequency: 5 },
  { description: 'Dưa hấu (watermelon)', category: 'fresh_fruit', hsCode: '08071100', weightKg: [22000, 30000], usdPerKg: [0.2, 0.35], frequency: 5 },
  { description: 'Chuối (banana)', category: 'fresh_fruit', hsCode: '08039010', weightKg: [18000, 24000], usdPerKg: [0.35, 0.55], frequency: 3 },
  { description: 'Xoài (mango)', category: 'fresh_fruit', hsCode: '08045020', weightKg: [16000, 24000], usdPerKg: [0.6, 1.0], frequency: 2 },
  { description: 'Sầu riêng (durian)', category: 'fresh_fruit', hsCode: '08106000', weightKg: [14000, 20000], usdPerKg: [2.5, 4.0], frequency: 1 },
  { description: 'Na Chi Lăng (custard apple, Lạng Sơn)', category: 'fresh_fruit', hsCode: '08109099', weightKg: [8000, 14000], usdPerKg: [1.2, 2.0], localGoods: true, frequency: 0 },
  // Farm goods: fresh ones mostly; dried cassava and spices are few by road in a winter of controls.
  { description: 'Khoai lang (sweet potato)', category: 'agricultural', hsCode: '07142090', weightKg: [20000, 28000], usdPerKg: [0.25, 0.4], frequency: 4 },
  { description: 'Ớt tươi (fresh chilli)', category: 'agricultural', hsCode: '07096010', weightKg: [12000, 18000], usdPerKg: [0.8, 1.4], frequency: 3 },
  { description: 'Sắn củ tươi (fresh cassava root)', category: 'agricultural', hsCode: '07141099', weightKg: [26000, 32000], usdPerKg: [0.08, 0.12], frequency: 2 },
  { description: 'Sắn lát khô (dried cassava chips)', category: 'agricultural', hsCode: '07141011', weightKg: [28000, 32000], usdPerKg: [0.2, 0.3], frequency: 1 },
  { description: 'Gạo (rice)', category: 'agricultural', hsCode: '10063099', weightKg: [25000, 30000], usdPerKg: [0.45, 0.6], frequency: 1 },
  { description: 'Hồi khô Lạng Sơn (star anise)', category: 'agricultural', hsCode: '09096100', weightKg: [10000, 18000], usdPerKg: [3.0, 5.0], localGoods: true, frequency: 1 },
  { description: 'Quế Lạng Sơn (cinnamon bark)', category: 'agricultural', hsCode: '09061100', weightKg: [12000, 20000], usdPerKg: [1.5, 2.5], localGoods: true, frequency: 1 },
  { description: 'Tôm hùm bông sống (live spiny lobster)', category: 'seafood', hsCode: '03063100', weightKg: [3000, 6000], usdPerKg: [25, 40], frequency: 1 },
  { description: 'Cua biển sống (live mud crab)', category: 'seafood', hsCode: '03063300', weightKg: [4000, 8000], usdPerKg: [8, 14], frequency: 1 },
  { description: 'Cá tra phi lê đông lạnh (frozen pangasius fillet)', category: 'seafood', hsCode: '03046200', weightKg: [20000, 26000], usdPerKg: [1.8, 2.6], frequency: 3 },
  { description: 'Tôm đông lạnh (frozen shrimp)', category: 'seafood', hsCode: '03061719', weightKg: [18000, 24000], usdPerKg: [6, 9], frequency: 2 },
  { description: 'Mực đông lạnh (frozen squid)', category: 'seafood', hsCode: '03074310', weightKg: [18000, 24000], usdPerKg: [3, 5], frequency: 1 },
  // Goods that pass the other lane.
  { description: 'Cao su tự nhiên (natural rubber)', category: 'industrial_materials', hsCode: '40012200', weightKg: [20000, 27000], usdPerKg: [1.5, 1.8], frequency: 4 },
  { description: 'Tinh bột sắn (tapioca starch)', category: 'industrial_materials', hsCode: '11081400', weightKg: [26000, 30000], usdPerKg: [0.45, 0.55], frequency: 3 },
  { description: 'Tùng hương Lạng Sơn (pine rosin)', category: 'industrial_materials', hsCode: '38061000', weightKg: [20000, 26000], usdPerKg: [1.4, 1.9], localGoods: true, frequency: 1 },
  { description: 'Linh kiện điện thoại (mobile phone parts)', category: 'machinery_electronics', hsCode: '85177900', weightKg: [3000, 8000], usdPerKg: [30, 80], frequency: 1 },
  { description: 'Camera mô-đun (camera modules)', category: 'machinery_electronics', hsCode: '85258900', weightKg: [2000, 6000], usdPerKg: [40, 90], frequency: 1 },
  { description: 'Hạt điều nhân (cashew kernels)', category: 'consumer_goods', hsCode: '08013200', weightKg: [15000, 20000], usdPerKg: [5.5, 7.0], frequency: 1 },
  { description: 'Gỗ ván bóc (veneer)', category: 'other', hsCode: '44083990', weightKg: [24000, 30000], usdPerKg: [0.4, 0.6], localGoods: true, frequency: 2 },
  { description: 'Viên nén gỗ (wood pellets)', category: 'other', hsCode: '44013100', weightKg: [26000, 32000], usdPerKg: [0.13, 0.18], frequency: 2 },
  { description: 'Gỗ keo xẻ (sawn acacia)', category: 'other', hsCode: '44079990', weightKg: [22000, 28000], usdPerKg: [0.25, 0.35], frequency: 1 },
];

export const IMPORT_GOODS: readonly Goods[] = [
  { description: 'Táo Fuji (apples)', category: 'fresh_fruit', hsCode: '08081000', weightKg: [18000, 24000], usdPerKg: [1.0, 1.4], frequency: 3 },
  { description: 'Quýt (mandarins)', category: 'fresh_fruit', hsCode: '08052100', weightKg: [18000, 24000], usdPerKg: [0.8, 1.2], frequency: 3 },
  { description: 'Cam (oranges)', category: 'fresh_fruit', hsCode: '08051020', weightKg: [18000, 24000], usdPerKg: [0.8, 1.1], frequency: 2 },
  { description: 'Nho (grapes)', category: 'fresh_fruit', hsCode: '08061000', weightKg: [14000, 20000], usdPerKg: [1.8, 2.8], frequency: 2 },
  { description: 'Lê (pears)', category: 'fresh_fruit', hsCode: '08083000', weightKg: [18000, 24000], usdPerKg: [0.8, 1.2], frequency: 2 },
  { description: 'Tỏi (garlic)', category: 'agricultural', hsCode: '07032090', weightKg: [24000, 30000], usdPerKg: [0.6, 0.9], frequency: 2 },
  { description: 'Hành tây (onions)', category: 'agricultural', hsCode: '07031019', weightKg: [24000, 30000], usdPerKg: [0.25, 0.35], frequency: 2 },
  { description: 'Khoai tây (potatoes)', category: 'agricultural', hsCode: '07019000', weightKg: [24000, 30000], usdPerKg: [0.2, 0.3], frequency: 2 },
  { description: 'Cà rốt (carrots)', category: 'agricultural', hsCode: '07061010', weightKg: [22000, 28000], usdPerKg: [0.2, 0.3], frequency: 1 },
  { description: 'Linh kiện điện tử (electronic components)', category: 'machinery_electronics', hsCode: '85423900', weightKg: [4000, 10000], usdPerKg: [20, 60], frequency: 3 },
  { description: 'Máy móc, thiết bị (machinery)', category: 'machinery_electronics', hsCode: '84798210', weightKg: [8000, 20000], usdPerKg: [5, 12], frequency: 3 },
  { description: 'Tấm pin mặt trời (solar panels)', category: 'machinery_electronics', hsCode: '85414022', weightKg: [12000, 18000], usdPerKg: [3, 5], frequency: 1 },
  { description: 'Phân bón NPK (fertiliser)', category: 'industrial_materials', hsCode: '31052000', weightKg: [28000, 32000], usdPerKg: [0.35, 0.5], frequency: 2 },
  { description: 'Thép cuộn (steel coil)', category: 'industrial_materials', hsCode: '72083900', weightKg: [25000, 32000], usdPerKg: [0.7, 0.9], frequency: 2 },
  { description: 'Hạt nhựa PP (polypropylene)', category: 'industrial_materials', hsCode: '39021040', weightKg: [24000, 28000], usdPerKg: [1.1, 1.4], frequency: 2 },
  { description: 'Vải dệt kim (knitted fabric)', category: 'consumer_goods', hsCode: '60063200', weightKg: [12000, 20000], usdPerKg: [3, 5], frequency: 3 },
  { description: 'Đồ gia dụng (household goods)', category: 'consumer_goods', hsCode: '73239310', weightKg: [6000, 14000], usdPerKg: [2, 4], frequency: 2 },
  { description: 'Giày dép (footwear)', category: 'consumer_goods', hsCode: '64029990', weightKg: [6000, 12000], usdPerKg: [4, 8], frequency: 1 },
  { description: 'Gạch ốp lát (ceramic tiles)', category: 'other', hsCode: '69072193', weightKg: [26000, 32000], usdPerKg: [0.2, 0.3], frequency: 2 },
  { description: 'Kính xây dựng (float glass)', category: 'other', hsCode: '70052990', weightKg: [24000, 30000], usdPerKg: [0.3, 0.45], frequency: 1 },
  { description: 'Giấy bao bì (kraft paper)', category: 'other', hsCode: '48041900', weightKg: [22000, 28000], usdPerKg: [0.5, 0.7], frequency: 1 },
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
