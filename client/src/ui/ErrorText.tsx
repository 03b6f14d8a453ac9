import { useTranslation } from 'react-i18next';

// A message next to the thing that failed, announced to screen readers; with `onRetry`, a way to try again
// (a dialog opened while the server was away must not be a dead end).

export function ErrorText({ text, testId, onRetry }: { text: string | null; testId?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {text}
      {onRetry && (
        <>
          {' '}
          <button type="button" className="btn btn--small" onClick={onRetry} data-testid={testId ? `${testId}-retry` : 'retry'}>
            {t('common.retry')}
          </button>
        </>
      )}
    </p>
  );
}
