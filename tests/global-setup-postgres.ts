import type { TestProject } from 'vitest/node';
import { startPostgres } from './helpers/postgres.ts';

// vitest globalSetup: ONE throwaway PostgreSQL for the whole run (tests/helpers/postgres.ts), its admin URL
// handed to the test files (inject('postgresUrl'); freshDatabaseUrl() makes a database per caller on it),
// stopped and deleted at teardown.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  project.provide('postgresUrl', postgres.url());
  return () => postgres.stop();
}
