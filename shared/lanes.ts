import { z } from 'zod';
import type { CargoCategory } from './primitives.ts';

// Lanes (luồng hàng): trucks of one gate and direction are cleared in two streams that move at
// different speeds — fresh produce (hàng tươi sống, held by the other side's controls in 2022)
// and other goods. Waits, ETAs and the forecast are computed per lane.

export const Lane = z.enum(['fresh', 'other']);
export type Lane = z.infer<typeof Lane>;
export const LANES = Lane.options;

/** Categories that perish and travel in the fresh lane unless the configuration says otherwise. */
export const DEFAULT_PERISHABLE: readonly CargoCategory[] = ['fresh_fruit', 'agricultural', 'seafood'];

export const laneOf = (category: CargoCategory, perishable: readonly CargoCategory[] = DEFAULT_PERISHABLE): Lane =>
  perishable.includes(category) ? 'fresh' : 'other';
