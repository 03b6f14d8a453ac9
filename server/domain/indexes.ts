import type { DeclarationState } from './declaration.ts';
import type { LiveState } from './state.ts';

// The look-up indexes of the declarations: plates (plate-index.ts) and enterprise tax codes. Ingest
// indexes each declaration as it comes; a snapshot's restore leaves them to be indexed after the server
// serves, a slice at a time (the core's loop), or all at once by the first look-up that needs them.

const addTo = (index: Map<string, Set<string>>, key: string, id: string): void => {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
};

/** Put a declaration in the plate and tax-code indexes (also used when a snapshot is restored). */
export function indexDeclaration(state: LiveState, id: string, decl: DeclarationState): void {
  const { vehicle, enterprise } = decl.declared;
  state.plates.add(vehicle.plate, id);
  if (vehicle.trailerPlate !== undefined) state.plates.add(vehicle.trailerPlate, id);
  // Former plates too: look-up finds a declaration by a plate it had before an amendment.
  const former = [decl.original?.vehicle, ...(decl.amendments ?? []).map((a) => a.changes.vehicle)];
  for (const v of former) {
    if (v?.plate !== undefined) state.plates.add(v.plate, id);
    if (v?.trailerPlate !== undefined) state.plates.add(v.trailerPlate, id);
  }
  addTo(state.byTaxCode, enterprise.taxCode, id);
}

/**
 * Index the declarations a restore left unindexed, at most `limit` of them (all by default); true when
 * none is left. Indexing is idempotent (sets), so what ingest indexed meanwhile is simply indexed again.
 */
export function indexPending(state: Readonly<LiveState>, limit = Infinity): boolean {
  const rest = state.unindexed.rest;
  if (!rest) return true;
  for (let n = 0; n < limit; n++) {
    const next = rest.next();
    if (next.done) {
      state.unindexed.rest = undefined;
      return true;
    }
    indexDeclaration(state, next.value[0], next.value[1]);
  }
  return false;
}

/** The declarations of an enterprise (by its tax code). */
export function idsOfTaxCode(state: Readonly<LiveState>, taxCode: string): ReadonlySet<string> {
  indexPending(state);
  return state.byTaxCode.get(taxCode) ?? new Set();
}
