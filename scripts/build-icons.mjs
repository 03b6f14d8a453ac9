// Draws the console's app icons (PWA manifest, home screen) from client/public/icons/icon.svg with Debian's
// Chromium: 192 and 512 px, and a 512 px maskable one (the symbol inside the safe zone, the background to the
// edges). Run by hand when the SVG changes: node scripts/build-icons.mjs. The PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('client/public/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const [size, maskable] of [[192, false], [512, false], [512, true]]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = maskable ? Math.round(size * 0.8) : size; // maskable: 80 % safe zone
    await page.setContent(`<body style="margin:0;background:#1d2b3a;display:grid;place-items:center;height:${size}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</body>`);
    await page.screenshot({ path: `client/public/icons/icon-${size}${maskable ? '-maskable' : ''}.png` });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('client/public/icons: icon-192.png, icon-512.png, icon-512-maskable.png');
