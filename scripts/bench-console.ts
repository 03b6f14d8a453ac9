// npm run bench (i): the console's first load — the JavaScript a first visit downloads (gzip), and the time
// from opening the page to the first live figures on screen (the gate cards from the socket's snapshot) in
// Debian's Chromium against a local server, 5 cold loads. Run after `npm run build`. No assertions.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { machine, spawnServer } from './bench-util.ts';

const DIST = 'dist/client';
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const first = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? m[2] ?? '');
const sizes = first.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(DIST, f))).length }));
const totalKb = sizes.reduce((s, x) => s + x.gzip, 0) / 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'cks-bench-console-'));
const server = await spawnServer(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const loads: number[] = [];
try {
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(server.url);
    await page.getByTestId('queue-total-huu-nghi').waitFor();
    loads.push(performance.now() - t0);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const sorted = [...loads].sort((a, b) => a - b);
console.log(machine());
console.log(`(i) the console's first load: ${totalKb.toFixed(1)} KB of JavaScript gzip (target ≤ 250 KB): ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}`);
console.log(`    open → first live figures on screen, 5 cold loads in Chromium: median ${sorted[2]?.toFixed(0)} ms, max ${sorted[4]?.toFixed(0)} ms (target ≤ 1,000 ms)`);
