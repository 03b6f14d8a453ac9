import { normalisePlate } from '../../shared/events.ts';

// Plate look-up (tra cứu biển số) without scanning every plate: each plate is kept under its search key
// (letters and digits only, so `64r52281`, `64R-522.81` and `64R 522 81` are one plate), and every key
// under each of its trigrams. A query of ≥ 3 characters reads the shortest posting list among its
// trigrams and checks only those keys; shorter queries match whole keys only.

/** The one plate-matching rule: normalised (as stored), then letters and digits only. */
export const plateSearchKey = (plate: string): string => normalisePlate(plate).replace(/[^\p{L}\p{N}]/gu, '');

const GRAM = 3;

function gramsOf(key: string): string[] {
  const chars = Array.from(key);
  const grams: string[] = [];
  for (let i = 0; i + GRAM <= chars.length; i++) grams.push(chars.slice(i, i + GRAM).join(''));
  return grams;
}

/** Whether a plate answers a look-up: the same rule as the index (whole key below 3 characters, else a part of it). */
export function plateMatches(query: string, plate: string): boolean {
  const key = plateSearchKey(query);
  const candidate = plateSearchKey(plate);
  return Array.from(key).length < GRAM ? candidate === key : candidate.includes(key);
}

/** Plain data (two maps) behind two methods, so two indexes of the same plates compare equal. */
export class PlateIndex {
  /** Search key → declaration ids. */
  readonly byKey = new Map<string, Set<string>>();
  /** Trigram → search keys holding it. */
  readonly byGram = new Map<string, Set<string>>();

  add(plate: string, declarationId: string): void {
    const key = plateSearchKey(plate);
    const ids = this.byKey.get(key);
    if (ids) {
      ids.add(declarationId);
      return;
    }
    this.byKey.set(key, new Set([declarationId]));
    for (const gram of gramsOf(key)) {
      const keys = this.byGram.get(gram);
      if (keys) keys.add(key);
      else this.byGram.set(gram, new Set([key]));
    }
  }

  /** Declarations whose plate (truck or trailer) contains the query's key; whole keys only below 3 characters. */
  find(query: string): Set<string> {
    const key = plateSearchKey(query);
    const found = new Set<string>();
    const grams = gramsOf(key);
    if (grams.length === 0) {
      for (const id of this.byKey.get(key) ?? []) found.add(id);
      return found;
    }
    let shortest: Set<string> | undefined;
    for (const gram of grams) {
      const keys = this.byGram.get(gram);
      if (!keys) return found; // some trigram of the query is in no plate
      if (!shortest || keys.size < shortest.size) shortest = keys;
    }
    for (const candidate of shortest ?? []) {
      if (!candidate.includes(key)) continue;
      for (const id of this.byKey.get(candidate) ?? []) found.add(id);
    }
    return found;
  }
}

export const createPlateIndex = (): PlateIndex => new PlateIndex();
