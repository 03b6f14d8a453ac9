// npm test needs Debian's PostgreSQL 15 server binaries for the PostgreSQL store's tests (a throwaway
// server per run: tests/helpers/postgres.ts); install them when missing, as ensure-chromium.mjs does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const INITDB = join(BIN, 'initdb');
if (existsSync(INITDB)) process.exit(0);
console.log(`${INITDB} is missing: installing Debian's postgresql (apt-get)…`);
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql`, { stdio: 'inherit' });
} catch {
  console.error('Could not install postgresql with apt-get. Install PostgreSQL 15 (apt-get install postgresql) or set PG_BIN to its bin directory.');
  process.exit(1);
}
if (!existsSync(INITDB)) {
  console.error(`postgresql installed but ${INITDB} is still missing (another major version?); set PG_BIN to the directory holding initdb and pg_ctl.`);
  process.exit(1);
}
