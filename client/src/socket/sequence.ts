import type { Delta } from '../../../shared/index.ts';

// CONTRACT §5: a client at version `seq` applies a delta whose `baseSeq` ≤ `seq`; a higher `baseSeq`
// means something was missed (ask for a snapshot); a delta not newer than what we hold is old news.

export type DeltaDecision = 'apply' | 'ignore' | 'resync';

export function decideDelta(seq: number, delta: Pick<Delta, 'seq' | 'baseSeq'>): DeltaDecision {
  if (seq < 0) return 'ignore'; // no snapshot yet: it is on its way and will include this change
  if (delta.seq <= seq) return 'ignore';
  if (delta.baseSeq > seq) return 'resync';
  return 'apply';
}
