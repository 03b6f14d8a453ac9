import { useEffect, useState } from 'react';
import { DateField } from './DateField.tsx';

// Presets (quý này, năm nay, 30 ngày qua…) plus a custom from/to pair applied with one button.
// Presentational: the caller turns a preset into dates and passes every label in.

export interface PeriodPickerProps<P extends string> {
  label: string;
  presets: readonly { value: P; text: string }[];
  preset: P | 'custom';
  onPreset: (preset: P) => void;
  /** The period shown now (YYYY-MM-DD), to start the custom inputs from. */
  from: string;
  to: string;
  onCustom: (from: string, to: string) => void;
  text: { custom: string; from: string; to: string; apply: string };
  error?: string | null;
}

export function PeriodPicker<P extends string>(props: PeriodPickerProps<P>) {
  const { label, presets, preset, onPreset, from, to, onCustom, text, error } = props;
  const [editing, setEditing] = useState(preset === 'custom');
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => {
    if (!editing) setDraft({ from, to });
  }, [from, to, editing]);

  return (
    <div className="period">
      <div className="chips" role="group" aria-label={label}>
        {presets.map((p) => (
          <button
            key={p.value}
            type="button"
            className="chips__chip"
            aria-pressed={!editing && preset === p.value}
            onClick={() => {
              setEditing(false);
              onPreset(p.value);
            }}
            data-testid={`period-${p.value}`}
          >
            {p.text}
          </button>
        ))}
        <button type="button" className="chips__chip" aria-pressed={editing} onClick={() => setEditing(true)} data-testid="period-custom">
          {text.custom}
        </button>
      </div>
      {editing && (
        <form
          className="period__custom"
          onSubmit={(e) => {
            e.preventDefault();
            onCustom(draft.from, draft.to);
          }}
        >
          <label className="period__field">
            <span>{text.from}</span>
            <DateField value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} data-testid="period-from" required />
          </label>
          <label className="period__field">
            <span>{text.to}</span>
            <DateField value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} data-testid="period-to" required />
          </label>
          <button type="submit" className="btn btn--small btn--primary" data-testid="period-apply">
            {text.apply}
          </button>
        </form>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
