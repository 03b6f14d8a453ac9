// npm test needs Debian's Chromium for the browser tests; install it when missing (CONTRACT §7).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
console.log(`${CHROMIUM} is missing: installing Debian's chromium (apt-get)…`);
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
} catch {
  console.error('Could not install chromium with apt-get. Install it (apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`chromium installed but ${CHROMIUM} is still missing; set CHROMIUM_PATH.`);
  process.exit(1);
}
