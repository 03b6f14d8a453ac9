import type { WorklistItem } from '../../../../shared/index.ts';

// Plates are compared the way the server stores them (CONTRACT §1): upper case, no spaces.
// "12c-123.45" finds 12C-123.45; "桂a 123" finds 桂A12345; a substring anywhere matches.

export const normalisePlate = (plate: string): string => plate.replace(/\s+/gu, '').toUpperCase();

/** Also forgiving of the dash and dot people skip when typing fast: "12C12345" finds 12C-123.45. */
const bare = (plate: string): string => normalisePlate(plate).replace(/[-.]/gu, '');

export function matchesPlate(item: Pick<WorklistItem, 'plate' | 'trailerPlate'>, query: string): boolean {
  const q = normalisePlate(query);
  if (q === '') return true;
  const plates = item.trailerPlate === undefined ? [item.plate] : [item.plate, item.trailerPlate];
  return plates.some((p) => normalisePlate(p).includes(q) || (bare(q) !== '' && bare(p).includes(bare(q))));
}
