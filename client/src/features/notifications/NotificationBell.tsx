import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listNotifications } from '../../api/endpoints.ts';
import { useFormat } from '../../i18n/format.ts';
import { useNotifications, useSession, useStores } from '../../stores/index.tsx';
import { BROWSER_OPT_IN } from './browser.ts';
import { NotificationPanel } from './NotificationPanel.tsx';
import { notificationText } from './text.ts';
import './notifications.css';

// The bell in the header (signed-in users): unread count, the panel on click. Loads the newest page at
// sign-in; live ones arrive on the socket. Opted-in browser notifications follow each live one.

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const unread = useNotifications((s) => s.unread);
  const lastLive = useNotifications((s) => s.lastLive);
  const [open, setOpen] = useState(false);
  const shown = useRef<string | null>(null);

  useEffect(() => {
    stores.notifications.getState().clear();
    if (!token) return;
    let cancelled = false;
    listNotifications(token).then(
      (page) => {
        if (!cancelled) stores.notifications.getState().replace(page.notifications, page.unread);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [token, stores]);

  useEffect(() => {
    if (!lastLive || shown.current === lastLive.id) return;
    shown.current = lastLive.id;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || localStorage.getItem(BROWSER_OPT_IN) !== 'on') return;
    const gates = stores.gates.getState().byId;
    const gateName = (id: string): string => (i18n.language === 'en' ? gates[id]?.name.en : gates[id]?.name.vi) ?? id;
    new Notification(t('app.title'), { body: notificationText(lastLive, t, f, gateName), tag: lastLive.id });
  }, [lastLive, stores, t, f, i18n.language]);

  if (!token) return null;
  return (
    <div className="bell">
      <button
        type="button"
        className="btn btn--small bell__button"
        aria-label={t('notifications.unread', { count: unread })}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          {/* a drawn bell: the emoji has no glyph in many kiosk fonts */}
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" data-testid="notification-count">
            {f.number(unread)}
          </span>
        )}
      </button>
      {open && <NotificationPanel onClose={() => setOpen(false)} />}
    </div>
  );
}
