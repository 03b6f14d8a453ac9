// A coloured dot plus text, for states that must be readable without colour too.

export function StatusDot({ tone, text, testId }: { tone: 'ok' | 'warn' | 'danger' | 'neutral'; text: string; testId?: string }) {
  return (
    <span className={`status-dot status-dot--${tone}`} data-testid={testId} role="status" aria-live="polite">
      <span className="status-dot__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
