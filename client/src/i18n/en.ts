import type { Messages } from './vi.ts';

export const en: Messages = {
  app: { title: 'Cửa khẩu số · Lạng Sơn', subtitle: 'Border gate monitoring', asOf: 'Data as of', gates: 'Border gates', noData: 'Waiting for data from the server…' },
  lang: { label: 'Language', vi: 'VI', en: 'EN' },
  connection: {
    connecting: 'Connecting',
    live: 'Live',
    reconnecting: 'Reconnecting',
    stale: 'Stale since {{time}}',
  },
  status: { receiving: 'Receiving', restricted: 'Restricted', stopped: 'Stopped' },
  gate: {
    queueTotal: 'Trucks waiting',
    trucks: 'trucks',
    queueExport: 'Export trucks waiting',
    queueImport: 'Import trucks waiting',
    expected: 'Expected',
    clearedLastHour: 'Cleared last hour',
    clearedToday: 'Cleared today',
    estimatedWait: 'Estimated wait',
    waitUnknown: 'Unknown',
    yard: 'Yard capacity',
    yardFill: '{{queue}} / {{capacity}} trucks',
    exportImport: 'export {{export}} · import {{import}}',
    notices_one: '{{count}} stop-receiving notice in force',
    notices_other: '{{count}} stop-receiving notices in force',
    select: 'Select {{name}} on the map',
  },
  duration: { hm: '{{h}} h {{m}} min', m: '{{m}} min' },
  congestion: { low: 'Clear', moderate: 'Busy', high: 'Congested', full: 'Over capacity' },
  map: { label: 'Map of Lạng Sơn border gates', legend: 'Yard fill', china: 'China' },
};
