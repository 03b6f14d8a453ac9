import type { ReactNode } from 'react';

// A row of tabs (ARIA tablist); the caller renders the panel. Scrolls sideways when it does not fit.

export interface TabItem<T extends string> {
  value: T;
  text: string;
  badge?: ReactNode;
}

export function Tabs<T extends string>({ label, items, value, onChange }: { label: string; items: readonly TabItem<T>[]; value: T; onChange: (value: T) => void }) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {items.map((item) => (
        <button
          key={item.value}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={item.value === value}
          data-testid={`tab-${item.value}`}
          onClick={() => onChange(item.value)}
        >
          {item.text}
          {item.badge}
        </button>
      ))}
    </div>
  );
}
