// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../client/src/i18n/index.ts';
import { DateField } from '../../client/src/ui/DateField.tsx';
import { formatDay, formatDayTime, isRealDay, parseDay, parseDayTime } from '../../client/src/ui/date-text.ts';

// Dates typed day first, as people here write them, whatever the browser's locale: the text ↔ value rules
// (pure, with properties) and the field in the Vietnamese console.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const realDay = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);

describe('date text', () => {
  it('reads the ways people type a day, and refuses days that do not exist', () => {
    expect(parseDay('12/1/2022')).toEqual({ ok: true, value: '2022-01-12' });
    expect(parseDay(' 12.01.2022 ')).toEqual({ ok: true, value: '2022-01-12' });
    expect(parseDay('12-01-2022')).toEqual({ ok: true, value: '2022-01-12' });
    expect(parseDay('2022-01-12')).toEqual({ ok: true, value: '2022-01-12' });
    expect(parseDay('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
    for (const wrong of ['31/02/2022', '29/02/2023', '00/01/2022', '12/13/2022', '12/01/22', '01/12', 'hôm nay']) expect(parseDay(wrong)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDay('  ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads a day and a 24-hour time, day first or ISO', () => {
    expect(parseDayTime('12/1/2022 20:00')).toEqual({ ok: true, value: '2022-01-12T20:00' });
    expect(parseDayTime('12/01/2022 8:05')).toEqual({ ok: true, value: '2022-01-12T08:05' });
    expect(parseDayTime('12/01/2022 8h05')).toEqual({ ok: true, value: '2022-01-12T08:05' });
    expect(parseDayTime('2022-01-12T20:00')).toEqual({ ok: true, value: '2022-01-12T20:00' });
    for (const wrong of ['12/01/2022', '12/01/2022 24:00', '12/01/2022 20:60', '31/04/2022 10:00']) expect(parseDayTime(wrong)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('property: any real day and time reads back from its day-first text, and ISO text too', () => {
    fc.assert(
      fc.property(realDay, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (day, h, m) => {
        const value = `${day}T${pad(h)}:${pad(m)}`;
        expect(parseDay(formatDay(day))).toEqual({ ok: true, value: day });
        expect(parseDayTime(formatDayTime(value))).toEqual({ ok: true, value });
        expect(parseDayTime(value)).toEqual({ ok: true, value });
      }),
    );
  });

  it('property: whatever is typed, a value that comes out is a real day of the calendar', () => {
    const typed = fc.oneof(fc.string(), fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1890, max: 3010 })).map(([d, m, y]) => `${d}/${m}/${y}`));
    fc.assert(
      fc.property(typed, (text) => {
        const parsed = parseDay(text);
        if (!parsed.ok) return;
        const [y, mo, d] = parsed.value.split('-').map(Number);
        expect(isRealDay(y ?? 0, mo ?? 0, d ?? 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the date field', () => {
  afterEach(cleanup);

  function Host({ initial, withTime = false, max }: { initial: string; withTime?: boolean; max?: string }) {
    const [value, setValue] = useState(initial);
    return (
      <I18nextProvider i18n={createI18n('vi')}>
        <label>
          Ngày
          <DateField value={value} onChange={setValue} withTime={withTime} {...(max ? { max } : {})} data-testid="field" />
        </label>
        <output data-testid="value">{value}</output>
      </I18nextProvider>
    );
  }

  it('shows the value day first in the Vietnamese console and gives the form ISO values as one types', () => {
    render(<Host initial="2022-01-12T20:00" withTime />);
    const input = screen.getByTestId('field') as HTMLInputElement;
    expect(input.value).toBe('12/01/2022 20:00');
    expect(input.placeholder).toBe('dd/mm/yyyy hh:mm');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '11/2/2022 6:30' } });
    expect(screen.getByTestId('value').textContent).toBe('2022-02-11T06:30');
    fireEvent.blur(input);
    expect(input.value).toBe('11/02/2022 06:30');
  });

  it('says a date does not exist once the user leaves the field, and gives the form nothing', () => {
    render(<Host initial="2022-01-12" />);
    const input = screen.getByTestId('field') as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '31/02/2022' } });
    expect(screen.getByTestId('value').textContent).toBe('');
    expect(input.getAttribute('aria-invalid')).toBeNull(); // not while typing
    fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('dd/mm/yyyy');
    expect(input.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
  });

  it('keeps within its bounds', () => {
    render(<Host initial="2022-02-11" max="2022-03-31" />);
    const input = screen.getByTestId('field') as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '01/04/2022' } });
    fireEvent.blur(input);
    expect(screen.getByTestId('value').textContent).toBe('');
    expect(screen.getByRole('alert').textContent).toContain('31/03/2022');
  });
});
