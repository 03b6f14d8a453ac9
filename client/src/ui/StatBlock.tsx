import type { ReactNode } from 'react';

// A labelled figure: the number reads first, the label explains it, the hint adds detail.

export interface StatBlockProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  muted?: boolean;
}

export function StatBlock({ label, value, hint, testId, muted = false }: StatBlockProps) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className={muted ? 'stat__value stat__value--muted' : 'stat__value'} data-testid={testId}>
        {value}
      </dd>
      {hint !== undefined && <dd className="stat__hint">{hint}</dd>}
    </div>
  );
}
