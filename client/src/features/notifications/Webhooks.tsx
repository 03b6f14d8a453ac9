import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, Webhook, WebhookCreated } from '../../../../shared/index.ts';
import { createWebhook, deleteWebhook, listWebhooks, testWebhook, webhookDeliveries } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../stores/index.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// An enterprise's webhooks: register a URL (its secret shown once, with a copy button), list, delete,
// send a test, and each webhook's delivery log.

const TONE = { pending: 'warn', delivered: 'ok', dead: 'danger' } as const;

export function Webhooks() {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const [copied, setCopied] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = useCallback(() => {
    listWebhooks(token).then((r) => setHooks(r.webhooks), setError);
  }, [token]);
  useEffect(refresh, [refresh]);

  const add = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    createWebhook(token, url).then((w) => {
      setCreated(w);
      setCopied(false);
      setUrl('');
      refresh();
    }, setError);
  };
  const remove = (id: string) => deleteWebhook(token, id).then(refresh, setError);

  return (
    <section className="webhooks" data-testid="webhooks">
      <h3 className="webhooks__title">{t('notifications.webhooks.title')}</h3>
      <p className="webhooks__intro">{t('notifications.webhooks.intro')}</p>
      <form className="webhooks__form" onSubmit={add}>
        <label>
          {t('notifications.webhooks.url')}
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" data-testid="webhook-url" />
        </label>
        <button type="submit" className="btn btn--primary btn--small" data-testid="webhook-add">
          {t('notifications.webhooks.add')}
        </button>
      </form>
      {created && (
        <p className="webhooks__secret" data-testid="webhook-secret">
          {t('notifications.webhooks.secret')} <code>{created.secret}</code>{' '}
          <button
            type="button"
            className="btn btn--small"
            onClick={() => void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true), () => undefined)}
          >
            {copied ? t('notifications.webhooks.copied') : t('notifications.webhooks.copy')}
          </button>
        </p>
      )}
      <ErrorText text={error === null ? null : t('notifications.webhooks.failed', { message: errorText(t, error) })} />
      {hooks.length === 0 && <p className="pane__empty">{t('notifications.webhooks.empty')}</p>}
      <ul className="webhooks__list">
        {hooks.map((h) => (
          <li key={h.id} data-testid={`webhook-${h.id}`}>
            <code>{h.url}</code>
            <button type="button" className="btn btn--small" onClick={() => void testWebhook(token, h.id).then(() => setOpen(h.id), setError)}>
              {t('notifications.webhooks.test')}
            </button>
            <button type="button" className="btn btn--small" onClick={() => setOpen(open === h.id ? null : h.id)}>
              {t('notifications.webhooks.log')}
            </button>
            <button type="button" className="btn btn--small btn--danger-outline" onClick={() => void remove(h.id)}>
              {t('notifications.webhooks.remove')}
            </button>
            {open === h.id && <DeliveryLog id={h.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DeliveryLog({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const token = useSession((s) => s.token);
  const [list, setList] = useState<Delivery[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => webhookDeliveries(token, id).then((r) => live && setList(r.deliveries), () => undefined);
    void load();
    // Attempts go on in the background: look again while the log is open.
    const timer = setInterval(() => void load(), 3_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [token, id]);
  if (!list) return null;
  if (list.length === 0) return <p className="pane__empty">{t('notifications.webhooks.noDeliveries')}</p>;
  return (
    <table className="webhooks__log" data-testid="webhook-log">
      <tbody>
        {list.map((d) => (
          <tr key={d.id}>
            <td>{f.dateTimeShort(d.createdAt)}</td>
            <td>{d.type}</td>
            <td>
              <Badge tone={TONE[d.state]}>{t(`notifications.webhooks.state.${d.state}`)}</Badge>
            </td>
            <td>{t('notifications.webhooks.attempts', { n: d.attempts })}</td>
            <td>{d.lastStatus ?? d.lastError ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
