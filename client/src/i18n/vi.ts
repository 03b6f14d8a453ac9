// Tiếng Việt — the console's default language; terms follow shared/GLOSSARY.md.
export const vi = {
  app: { title: 'Cửa khẩu số · Lạng Sơn', subtitle: 'Giám sát cửa khẩu biên giới', asOf: 'Số liệu lúc', gates: 'Các cửa khẩu', noData: 'Đang chờ số liệu từ máy chủ…' },
  lang: { label: 'Ngôn ngữ', vi: 'VI', en: 'EN' },
  connection: {
    connecting: 'Đang kết nối',
    live: 'Trực tuyến',
    reconnecting: 'Đang kết nối lại',
    stale: 'Mất kết nối từ {{time}}',
  },
  status: { receiving: 'Đang tiếp nhận', restricted: 'Hạn chế tiếp nhận', stopped: 'Tạm dừng tiếp nhận' },
  gate: {
    queueTotal: 'Xe đang chờ',
    trucks: 'xe',
    queueExport: 'Xe xuất đang chờ',
    queueImport: 'Xe nhập đang chờ',
    expected: 'Dự kiến đến',
    clearedLastHour: 'Thông quan 1 giờ qua',
    clearedToday: 'Thông quan hôm nay',
    estimatedWait: 'Thời gian chờ ước tính',
    waitUnknown: 'Chưa xác định',
    yard: 'Sức chứa bãi',
    yardFill: '{{queue}} / {{capacity}} xe',
    exportImport: 'xuất {{export}} · nhập {{import}}',
    notices_one: '{{count}} thông báo tạm dừng tiếp nhận đang hiệu lực',
    notices_other: '{{count}} thông báo tạm dừng tiếp nhận đang hiệu lực',
    select: 'Chọn {{name}} trên bản đồ',
  },
  duration: { hm: '{{h}} giờ {{m}} phút', m: '{{m}} phút' },
  congestion: { low: 'Thông thoáng', moderate: 'Đông', high: 'Ùn ứ', full: 'Quá tải' },
  map: { label: 'Bản đồ cửa khẩu biên giới tỉnh Lạng Sơn', legend: 'Mức lấp đầy bãi', china: 'Trung Quốc' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every language has exactly the keys of Vietnamese. */
export type Messages = Widen<typeof vi>;
