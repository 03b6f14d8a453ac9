import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { login } from '../../api/endpoints.ts';
import { isApiError } from '../../api/http.ts';
import { useStores } from '../../stores/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// Username + password → POST /auth/login; the session store keeps the token, App reconnects the socket.

export function SignInDialog({ onClose, username: known = '' }: { onClose: () => void; /** Pre-filled when signing in again. */ username?: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [username, setUsername] = useState(known);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await login({ username: username.trim(), password });
      stores.session.getState().signIn(answer);
      // Signing in again after an ended session: the side panel brings back the tab the user was on.
      if (!stores.view.getState().resumeTab) stores.view.getState().setTab('gates');
      onClose();
    } catch (e) {
      setBusy(false);
      if (isApiError(e) && (e.code === 'unauthorized' || e.code === 'rate_limited' || e.code === 'network')) setError(t(`auth.errors.${e.code}`));
      else setError(t('auth.errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <Dialog title={t('auth.title')} closeLabel={t('common.close')} onClose={onClose} testId="sign-in-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="form__intro">{t('auth.intro')}</p>
        <label className="field">
          <span className="field__label">{t('auth.username')}</span>
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorText text={error} testId="sign-in-error" />
        <div className="form__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid="sign-in-submit">
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
