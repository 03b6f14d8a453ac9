import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumber, toCsv } from '../../client/src/ui/csv.ts';

// CSV numbers as a spreadsheet should read them: no float noise from sums, nothing lost that matters.

describe('CSV numbers', () => {
  it('drops float noise (57163329.05000002 → 57163329.05) and writes −0 as 0', () => {
    expect(csvNumber(57163329.05000002)).toBe('57163329.05');
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(-0)).toBe('0');
    expect(csvNumber(Number.NaN)).toBe('');
    expect(toCsv([[1e10, 14.5]])).toBe('10000000000,14.5\r\n');
  });

  it('keeps every value within a millionth, with at most 6 decimals (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (v) => {
        const text = csvNumber(v);
        expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(5e-7 + Math.abs(v) * 1e-15);
        expect(/e|\.\d{7,}/.test(text)).toBe(false);
      }),
    );
  });

  it('sums of cents come out as cents (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_00 }), { maxLength: 200 }), (cents) => {
        const sum = cents.reduce((s, c) => s + c / 100, 0);
        expect(csvNumber(sum)).toBe(String(cents.reduce((s, c) => s + c, 0) / 100));
      }),
    );
  });
});
