import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useGates } from '../stores/index.tsx';

// Saved figures on screen (no connection since the console started): say so, and from when they are.

export function OfflineBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const savedAt = useGates((s) => s.savedAt);
  if (savedAt === null) return null;
  return (
    <p className="offline-banner" role="status" data-testid="offline-banner">
      {t('offline.banner', { at: f.dateTimeShort(savedAt) })}
    </p>
  );
}
