import { serviceSorted, type ServicePattern, type WorklistItem } from '../../../../shared/index.ts';

// The order a force works its list in: the gate's service order (shared with the server's worklist, so a
// live upsert lands where the server would put it), THEN the search and filters. Sorting a filtered list
// instead would be wrong under a pattern: a perishable truck's turn depends on every truck in line
// (1 : 3 serves one priority truck per three others), so a subset sorted alone can swap places.

export function inServiceOrder(items: readonly WorklistItem[], pattern: ServicePattern | null, keep: (item: WorklistItem) => boolean = () => true): WorklistItem[] {
  return serviceSorted(pattern, items).filter(keep);
}
