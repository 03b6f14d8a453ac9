import type { ReactNode } from 'react';

// A small status label; `tone` picks a restrained colour (ok / warn / danger / neutral).

export type Tone = 'ok' | 'warn' | 'danger' | 'neutral';

export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge--${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
