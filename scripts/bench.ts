// npm run bench: every benchmark, one after another, each printing its figures (no assertions).
import { spawnSync } from 'node:child_process';

for (const script of ['scripts/bench-ingest.ts', 'scripts/bench-q1.ts']) {
  console.log(`\n=== ${script} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
