import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { useConnection, type LinkStatus } from '../../stores/index.tsx';
import { StatusDot } from '../../ui/StatusDot.tsx';

// "Trực tuyến / Live", "Đang kết nối lại / Reconnecting", "Mất kết nối từ 10:15 / Stale since 10:15".

const TONE: Record<LinkStatus, 'ok' | 'warn' | 'danger' | 'neutral'> = {
  connecting: 'neutral',
  live: 'ok',
  reconnecting: 'warn',
  stale: 'danger',
};

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const f = useFormat();
  const status = useConnection((s) => s.status);
  const staleSince = useConnection((s) => s.staleSince);
  const text =
    status === 'stale' ? t('connection.stale', { time: staleSince === null ? '—' : f.time(staleSince) }) : t(`connection.${status}`);
  return <StatusDot tone={TONE[status]} text={text} testId="connection-status" />;
}
