import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGates, useSession, useStores } from '../../stores/index.tsx';
import { roleText } from './roleText.ts';
import { SignInDialog } from './SignInDialog.tsx';

// Header corner: "Đăng nhập", or who is signed in (name + role in the province's words) and "Đăng xuất".

export function SessionControl() {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const user = useSession((s) => s.user);
  const ended = useSession((s) => s.ended);
  const gate = useGates((s) => (user?.gateId ? s.byId[user.gateId] : undefined));
  const [open, setOpen] = useState(false);

  if (!user) {
    return (
      <>
        {ended && (
          <span className="session__ended" role="alert" data-testid="session-ended">
            {t('auth.expired')}
          </span>
        )}
        <button type="button" className="btn btn--header" onClick={() => setOpen(true)} data-testid="sign-in">
          {ended ? t('auth.signInAgain') : t('auth.signIn')}
        </button>
        {open && <SignInDialog onClose={() => setOpen(false)} username={ended?.username ?? ''} />}
      </>
    );
  }
  return (
    <div className="session" data-testid="session-user">
      <span className="session__who">
        <span className="session__name">{user.username}</span>
        <span className="session__role" data-testid="session-role">
          {roleText(t, user, gate, i18n.language)}
        </span>
      </span>
      <button
        type="button"
        className="btn btn--header"
        data-testid="sign-out"
        onClick={() => {
          stores.session.getState().signOut();
          stores.view.getState().setTab('gates');
        }}
      >
        {t('auth.signOut')}
      </button>
    </div>
  );
}
