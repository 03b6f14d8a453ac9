// Builds the console's fallback font for Chinese plates (桂A·12345): a subset of Noto Sans CJK SC (SIL Open Font
// License 1.1, client/public/fonts/OFL.txt) holding only the characters a Chinese plate can start with, so a
// machine without any CJK font still draws them, for ~20 KB instead of ~16 MB. Run by hand when the set changes:
//   apt-get install -y fonts-noto-cjk && node scripts/build-cjk-font.mjs
// The output is committed; the console loads it only when such a character is on screen (unicode-range).
import { readFileSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';

/** Province abbreviations on mainland plates, Hong Kong / Macau, and the special series (警 police, 学 school, 挂 trailer, 使/领 embassies). */
export const PLATE_CHARACTERS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台使领警学挂试超临';

const SOURCES = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'Noto Sans CJK SC', out: 'client/public/fonts/cks-hanzi-400.woff2' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'Noto Sans CJK SC', out: 'client/public/fonts/cks-hanzi-700.woff2' },
];

/** One face of a TrueType/OpenType collection as a standalone font (its tables copied out, 4-byte aligned). */
function faceOfCollection(ttc, wantedFamily) {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error('not a font collection');
  const count = ttc.readUInt32BE(8);
  for (let i = 0; i < count; i++) {
    const at = ttc.readUInt32BE(12 + 4 * i);
    const numTables = ttc.readUInt16BE(at + 4);
    const records = Array.from({ length: numTables }, (_, t) => {
      const r = at + 12 + 16 * t;
      return { tag: ttc.toString('latin1', r, r + 4), checksum: ttc.readUInt32BE(r + 4), offset: ttc.readUInt32BE(r + 8), length: ttc.readUInt32BE(r + 12) };
    });
    const headerLength = 12 + 16 * numTables;
    const padded = (n) => (n + 3) & ~3;
    const out = Buffer.alloc(headerLength + records.reduce((s, r) => s + padded(r.length), 0));
    ttc.copy(out, 0, at, at + 12);
    let offset = headerLength;
    records.forEach((r, t) => {
      const rec = 12 + 16 * t;
      out.write(r.tag, rec, 'latin1');
      out.writeUInt32BE(r.checksum, rec + 4);
      out.writeUInt32BE(offset, rec + 8);
      out.writeUInt32BE(r.length, rec + 12);
      ttc.copy(out, offset, r.offset, r.offset + r.length);
      offset += padded(r.length);
    });
    if (familyOf(out) === wantedFamily) return out;
  }
  throw new Error(`no face ${wantedFamily} in the collection`);
}

/** The font's family name (name ID 1, a Windows Unicode record). */
function familyOf(font) {
  const numTables = font.readUInt16BE(4);
  for (let t = 0; t < numTables; t++) {
    const r = 12 + 16 * t;
    if (font.toString('latin1', r, r + 4) !== 'name') continue;
    const name = font.readUInt32BE(r + 8);
    const count = font.readUInt16BE(name + 2);
    const strings = name + font.readUInt16BE(name + 4);
    for (let i = 0; i < count; i++) {
      const n = name + 6 + 12 * i;
      if (font.readUInt16BE(n) !== 3 || font.readUInt16BE(n + 6) !== 1) continue;
      const length = font.readUInt16BE(n + 8);
      const start = strings + font.readUInt16BE(n + 10);
      return Buffer.from(font.subarray(start, start + length)).swap16().toString('utf16le');
    }
  }
  return undefined;
}

for (const source of SOURCES) {
  const face = faceOfCollection(readFileSync(source.file), source.face);
  const woff2 = await subsetFont(face, PLATE_CHARACTERS, { targetFormat: 'woff2' });
  writeFileSync(source.out, woff2);
  console.log(`${source.out}: ${[...PLATE_CHARACTERS].length} characters of ${source.face}, ${(woff2.length / 1024).toFixed(1)} KB`);
}
