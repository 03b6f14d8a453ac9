import { useTranslation } from 'react-i18next';
import { ServerClock } from './features/clock/ServerClock.tsx';
import { ConnectionIndicator } from './features/connection/ConnectionIndicator.tsx';
import { NotificationBell } from './features/notifications/NotificationBell.tsx';
import { SessionControl } from './features/session/SessionControl.tsx';
import { isLanguage, LANGUAGES } from './i18n/index.ts';
import { Segmented } from './ui/Segmented.tsx';

// Product name, the server clock (simulated during a replay), link health, language.

export function Header() {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.language) ? i18n.language : 'vi';
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__mark" aria-hidden="true" />
        <div>
          <h1 className="app-header__title">{t('app.title')}</h1>
          <p className="app-header__subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <div className="app-header__status">
        <ServerClock />
        <ConnectionIndicator />
        <Segmented
          label={t('lang.label')}
          options={LANGUAGES.map((value) => ({ value, text: t(`lang.${value}`) }))}
          value={lang}
          onChange={(value) => void i18n.changeLanguage(value)}
        />
        <NotificationBell />
        <SessionControl />
      </div>
    </header>
  );
}
