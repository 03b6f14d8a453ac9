import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markNotificationsRead } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates, useNotifications, useSession, useStores } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { BROWSER_OPT_IN } from './browser.ts';
import { notificationText } from './text.ts';
import { Webhooks } from './Webhooks.tsx';

// The notification centre: the newest (GET /notifications pages on for older ones), unread ones marked, mark one or all read;
// the opt-in for browser notifications (asked only on this click); enterprises' webhooks below.

export function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const role = useSession((s) => s.user?.role);
  const list = useNotifications((s) => s.list);
  const gates = useGates((s) => s.byId);
  const [error, setError] = useState<unknown>(null);
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  const [optedIn, setOptedIn] = useState(() => localStorage.getItem(BROWSER_OPT_IN) === 'on');
  const gateName = (id: string): string => (i18n.language === 'en' ? gates[id]?.name.en : gates[id]?.name.vi) ?? id;

  const read = (ids: string[] | 'all') => {
    markNotificationsRead(token, ids === 'all' ? { all: true } : { ids }).then((r) => {
      if (ids === 'all') stores.notifications.getState().markAllRead();
      else stores.notifications.getState().markRead(ids, r.unread);
    }, setError);
  };
  const askBrowser = () => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then((p) => {
      setPermission(p);
      if (p === 'granted') {
        localStorage.setItem(BROWSER_OPT_IN, 'on');
        setOptedIn(true);
      }
    });
  };

  return (
    <section className="bell__panel pane" aria-label={t('notifications.title')} data-testid="notification-panel">
      <header className="bell__head">
        <h2 className="pane__title">{t('notifications.title')}</h2>
        <button type="button" className="btn btn--small" onClick={() => read('all')} data-testid="notification-read-all">
          {t('notifications.markAll')}
        </button>
        <button type="button" className="btn btn--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <p className="bell__browser">
        {permission === 'granted' && optedIn ? (
          t('notifications.browserOn')
        ) : permission === 'denied' ? (
          t('notifications.browserDenied')
        ) : (
          <button type="button" className="btn btn--small" onClick={askBrowser} data-testid="notification-browser-opt-in">
            {t('notifications.browser')}
          </button>
        )}
      </p>
      <ErrorText text={error === null ? null : t('notifications.failed', { message: errorText(t, error) })} />
      {list.length === 0 && <p className="pane__empty">{t('notifications.empty')}</p>}
      <ul className="bell__list">
        {list.map((n) => (
          <li key={n.id} className={n.read ? 'bell__item' : 'bell__item bell__item--unread'} data-testid={`notification-${n.kind}`}>
            <span className="bell__time">{f.dateTimeShort(n.createdAt)}</span>
            <span className="bell__text">{notificationText(n, t, f, gateName)}</span>
            {!n.read && (
              <button type="button" className="btn btn--small" onClick={() => read([n.id])}>
                {t('notifications.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {role === 'enterprise' && <Webhooks />}
    </section>
  );
}
