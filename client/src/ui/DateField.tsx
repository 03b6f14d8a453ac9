import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatDayTime, parseDay, parseDayTime } from './date-text.ts';

// A day (or a day and a time) typed as people here write it, dd/mm/yyyy [hh:mm], whatever the browser's own
// locale — a native <input type="date"> shows mm/dd/yyyy on an American-English browser. The value the caller
// keeps is unchanged: 'YYYY-MM-DD' / 'YYYY-MM-DDTHH:mm', or '' while empty or not a real date. A wrong date is
// said so under the field once the user leaves it; it is never turned into another date.

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

export interface DateFieldProps extends NativeProps {
  value: string;
  onChange: (value: string) => void;
  /** A day and a time (24-hour). */
  withTime?: boolean;
  /** Bounds in the value's own form ('YYYY-MM-DD'[…]). */
  min?: string;
  max?: string;
}

export function DateField({ value, onChange, withTime = false, min, max, className, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  const format = withTime ? formatDayTime : formatDay;
  const parse = withTime ? parseDayTime : parseDay;
  const [text, setText] = useState(() => format(value));
  const [touched, setTouched] = useState(false);
  const focused = useRef(false);
  const errorId = useId();

  // A value set from outside (a button, a reset) shows at once, except while the user is typing.
  useEffect(() => {
    if (!focused.current) setText(format(value));
  }, [value, format]);

  const parsed = parse(text);
  const problem =
    !parsed.ok && parsed.reason === 'invalid'
      ? t('dateField.invalid', { pattern: withTime ? t('dateField.patternTime') : t('dateField.pattern') })
      : parsed.ok && min !== undefined && parsed.value < min
        ? t('dateField.tooEarly', { bound: format(min) })
        : parsed.ok && max !== undefined && parsed.value > max
          ? t('dateField.tooLate', { bound: format(max) })
          : null;
  const shown = touched && problem !== null;

  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className={`date-field${withTime ? ' date-field--time' : ''}${className ? ` ${className}` : ''}`}
        placeholder={withTime ? t('dateField.patternTime') : t('dateField.pattern')}
        value={text}
        aria-invalid={shown || undefined}
        aria-describedby={shown ? errorId : undefined}
        onFocus={() => {
          focused.current = true;
        }}
        onChange={(e) => {
          setText(e.target.value);
          const next = parse(e.target.value);
          const inBounds = next.ok && (min === undefined || next.value >= min) && (max === undefined || next.value <= max);
          onChange(next.ok && inBounds ? next.value : '');
        }}
        onBlur={() => {
          focused.current = false;
          setTouched(true);
          const next = parse(text);
          if (next.ok) setText(format(next.value)); // 12/1/2022 → 12/01/2022
        }}
      />
      {shown && (
        <span className="date-field__error" id={errorId} role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
