export * from './primitives.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './ingest.ts';
export * from './gates.ts';
export * from './notices.ts';
export * from './live.ts';
export * from './config.ts';
