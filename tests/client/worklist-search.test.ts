import { describe, expect, it } from 'vitest';
import { matchesPlate, normalisePlate } from '../../client/src/features/worklist/plate.ts';

// Plate search normalises like the server (upper case, no spaces) and matches substrings.

describe('plate search', () => {
  it('normalises like the server', () => {
    expect(normalisePlate(' 12c - 123.45 ')).toBe('12C-123.45');
    expect(normalisePlate('桂a 12345')).toBe('桂A12345');
  });

  it('matches Vietnamese and Chinese plates by substring, case and spaces ignored', () => {
    const vn = { plate: '12C-123.45' };
    const cn = { plate: '桂A12345' };
    expect(matchesPlate(vn, '12c-123')).toBe(true);
    expect(matchesPlate(vn, '123.45')).toBe(true);
    expect(matchesPlate(vn, '12C 12345')).toBe(true); // dash and dot skipped
    expect(matchesPlate(cn, '桂a 123')).toBe(true);
    expect(matchesPlate(cn, 'a12345')).toBe(true);
    expect(matchesPlate(vn, '桂')).toBe(false);
    expect(matchesPlate(cn, '12C')).toBe(false);
    expect(matchesPlate(vn, '   ')).toBe(true);
  });

  it('also looks at the trailer plate', () => {
    expect(matchesPlate({ plate: '12C-123.45', trailerPlate: '12R-009.87' }, '009')).toBe(true);
  });
});
