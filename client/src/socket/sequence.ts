import type { Delta } from '../../../shared/index.ts';

// CONTRACT §5: a client at version `seq` applies a delta whose `baseSeq` ≤ `seq`; a higher `baseSeq`
// means something was missed (ask for a snapshot); a delta older than what we hold is old news. A delta
// AT our version is applied: the version is the journal position, and what only the clock moves (a
// notice starting, the last hour's clearances, the replay speed) comes without a new position. Deltas
// carry whole values, so applying one again changes nothing.

export type DeltaDecision = 'apply' | 'ignore' | 'resync';

export function decideDelta(seq: number, delta: Pick<Delta, 'seq' | 'baseSeq'>): DeltaDecision {
  if (seq < 0) return 'ignore'; // no snapshot yet: it is on its way and will include this change
  if (delta.seq < seq) return 'ignore';
  if (delta.baseSeq > seq) return 'resync';
  return 'apply';
}
