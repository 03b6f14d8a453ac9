import { z } from 'zod';
import { GateStatus } from '../../../shared/index.ts';

// The last live figures, kept on this device so the console shows them — clearly dated — when it starts
// without a connection (the border's mobile network drops). Only the public gate figures, the same anyone
// sees on the public board: never a token, a user, or an enterprise's trucks. A saved entry of another
// version, or one that does not read back, is ignored (and the console simply waits for live figures).

export const SAVED_FIGURES_KEY = 'cks:last-figures';
const VERSION = 1;

const SavedFigures = z.object({
  version: z.literal(VERSION),
  /** The server time the figures stand at (ISO with offset). */
  at: z.string().min(1),
  gates: z.array(GateStatus).min(1),
});
export type SavedFigures = z.infer<typeof SavedFigures>;

/** Where they are kept: localStorage in the browser; a Map-like in tests. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function saveFigures(storage: KeyValue, at: string, gates: readonly GateStatus[]): boolean {
  if (gates.length === 0) return false;
  // Exactly the public schema's fields: whatever else an object might carry is not written.
  const entry: SavedFigures = { version: VERSION, at, gates: gates.map((g) => GateStatus.parse(g)) };
  try {
    storage.setItem(SAVED_FIGURES_KEY, JSON.stringify(entry));
    return true;
  } catch {
    return false; // storage full or refused (private mode): nothing is kept, nothing breaks
  }
}

export function loadFigures(storage: KeyValue): SavedFigures | null {
  let text: string | null;
  try {
    text = storage.getItem(SAVED_FIGURES_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = SavedFigures.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
