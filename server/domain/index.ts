// The live core's pure domain: state, reducer, acceptance rules and read selectors.
export * from './time.ts';
export * from './declaration.ts';
export * from './state.ts';
export * from './content-hash.ts';
export * from './apply.ts';
export * from './decide.ts';
export * from './notices.ts';
export * from './checks.ts';
export * from './gate-status.ts';
export * from './history.ts';
export type { TradeCell, TradeTable } from './trade.ts';
export { tradeKey } from './trade.ts';
export * from './views.ts';
export * from './alerts.ts';
export * from './latest.ts';
export * from './trade-report.ts';
export * from './snapshot.ts';
export * from './plate-index.ts';
