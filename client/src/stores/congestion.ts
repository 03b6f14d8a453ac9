import type { GateStatus } from '../../../shared/index.ts';

// Congestion (ùn ứ) = trucks queued ÷ yard capacity (sức chứa bãi); one rule for map and panels.

export type CongestionLevel = 'low' | 'moderate' | 'high' | 'full';

export const queueTotal = (gate: GateStatus): number => gate.queue.export + gate.queue.import;

export const yardShare = (gate: GateStatus): number => queueTotal(gate) / gate.yardCapacity;

export const congestionLevel = (share: number): CongestionLevel =>
  share >= 1 ? 'full' : share >= 0.8 ? 'high' : share >= 0.5 ? 'moderate' : 'low';
