import { describe, expect, it } from 'vitest';
import { loadFigures, SAVED_FIGURES_KEY, saveFigures, type KeyValue } from '../../client/src/offline/saved-figures.ts';
import { createGatesStore } from '../../client/src/stores/gates.ts';
import { gateStatus } from './fixtures.ts';

// The last figures kept on the device for an offline start: what is written (the public gate figures only),
// what is read back (nothing that does not parse), and how the gates store shows them until live ones come.

const memory = (): KeyValue & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};
const AT = '2022-01-12T20:00:00+07:00';

describe('saved figures', () => {
  it('reads back what it wrote: the server time and the gates in order', () => {
    const storage = memory();
    const gates = [gateStatus('huu-nghi', 120), gateStatus('tan-thanh', 80)];
    expect(saveFigures(storage, AT, gates)).toBe(true);
    expect(loadFigures(storage)).toEqual({ version: 1, at: AT, gates });
  });

  it('writes the public schema’s fields only, whatever else an object carries', () => {
    const storage = memory();
    const sneaky = { ...gateStatus('huu-nghi', 120), token: 'eyJ.secret', myTrucks: ['12C-123.45'] };
    saveFigures(storage, AT, [sneaky]);
    const text = storage.map.get(SAVED_FIGURES_KEY) ?? '';
    expect(text).not.toContain('secret');
    expect(text).not.toContain('12C-123.45');
  });

  it('ignores an entry that is corrupt, of another version, or empty, and storage that refuses', () => {
    const storage = memory();
    for (const bad of ['{', 'null', JSON.stringify({ version: 0, at: AT, gates: [gateStatus('huu-nghi', 120)] }), JSON.stringify({ version: 1, at: AT, gates: [] }), JSON.stringify({ version: 1, at: AT, gates: [{ id: 'x' }] })]) {
      storage.map.set(SAVED_FIGURES_KEY, bad);
      expect(loadFigures(storage)).toBeNull();
    }
    const refusing: KeyValue = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveFigures(refusing, AT, [gateStatus('huu-nghi', 120)])).toBe(false);
    expect(loadFigures(refusing)).toBeNull();
    expect(saveFigures(memory(), AT, [])).toBe(false);
  });
});

describe('the gates store with saved figures', () => {
  it('shows them, dated, until the first live snapshot; never over live figures', () => {
    const store = createGatesStore();
    store.getState().showSaved(AT, [gateStatus('huu-nghi', 120)]);
    expect(store.getState().savedAt).toBe(AT);
    expect(Object.keys(store.getState().byId)).toEqual(['huu-nghi']);
    store.getState().replace([gateStatus('huu-nghi', 120), gateStatus('tan-thanh', 80)]);
    expect(store.getState().savedAt).toBeNull();
    store.getState().showSaved(AT, [gateStatus('chi-ma', 10)]);
    expect(store.getState().savedAt).toBeNull();
    expect(store.getState().order).toEqual(['huu-nghi', 'tan-thanh']);
  });
});
