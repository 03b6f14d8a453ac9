import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { asciiJson } from '../ascii-json.ts';

// A snapshot of the aggregate (ảnh chụp trạng thái) so a restart replays only the log's tail. One file:
//   line 1  "cks-snapshot 3"                 (container version)
//   line 2  JSON header { seq, eventId, sections: [byte lengths], crc32 }
//   rest    v8.serialize(head), then each JSON text with every non-ASCII character escaped (\uXXXX):
//           ASCII reads back as a one-byte string by a plain copy, where UTF-8 decoding of Vietnamese
//           text costs a second per million events and doubles the string's size.
// Written to a temp file, fsynced, renamed over the old one, directory fsynced: a crash leaves the old
// snapshot or the new one, never half of one. Read back only when the checksum matches; anything
// else (missing, truncated, corrupt, other version) is "no snapshot" and the caller replays the log.

const MAGIC = 'cks-snapshot 3';

export interface SnapshotMeta {
  /** The log's seq the image includes (every record with seq ≤ this one). */
  seq: number;
  /** eventId of the record at `seq`: ties the snapshot to this log, not another one with as many rows. */
  eventId: string;
}

/** Structured data (anything v8.serialize takes) plus big JSON texts, stored as ASCII. */
export interface SnapshotImage {
  head: unknown;
  texts: readonly string[];
}

export type LoadedSnapshot = { ok: true; meta: SnapshotMeta; head: unknown; texts: string[] } | { ok: false; reason: string };

export interface SnapshotStore {
  /** Serialise now (the state must not change meanwhile: this is synchronous) and write durably. */
  save(meta: SnapshotMeta, image: SnapshotImage): { bytes: number };
  load(): LoadedSnapshot;
}

// CRC-32 over the payload: it catches a torn or bit-rotted file at ~1 GB/s (SHA-256 took most of a
// second on a million-event snapshot). It is not a defence against tampering: whoever can write
// DATA_DIR can write the log itself.
const checksum = (parts: readonly Buffer[]): number => parts.reduce((crc, p) => crc32(p, crc), 0);

function writeDurably(file: string, parts: readonly Buffer[]): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (const part of parts) {
      let off = 0;
      while (off < part.length) off += writeSync(fd, part, off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

interface Header {
  seq: number;
  eventId: string;
  sections: number[];
  crc32: number;
}

function parseHeader(text: string): Header | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { seq, eventId, sections, crc32: sum } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof eventId !== 'string' || typeof sum !== 'number') return undefined;
  if (!Array.isArray(sections) || !sections.every((n): n is number => Number.isInteger(n) && n >= 0)) return undefined;
  return { seq, eventId, sections, crc32: sum };
}

export function fileSnapshotStore(file: string): SnapshotStore {
  return {
    save(meta, image) {
      const parts = [serialize(image.head), ...image.texts.map((t) => Buffer.from(asciiJson(t), 'latin1'))];
      const header = JSON.stringify({ seq: meta.seq, eventId: meta.eventId, sections: parts.map((p) => p.length), crc32: checksum(parts) });
      writeDurably(file, [Buffer.from(`${MAGIC}\n${header}\n`), ...parts]);
      return { bytes: parts.reduce((n, p) => n + p.length, 0) };
    },
    load() {
      if (!existsSync(file)) return { ok: false, reason: 'no snapshot' };
      const buf = readFileSync(file);
      const firstNl = buf.indexOf(10);
      const secondNl = firstNl < 0 ? -1 : buf.indexOf(10, firstNl + 1);
      if (secondNl < 0 || buf.toString('utf8', 0, firstNl) !== MAGIC) return { ok: false, reason: 'not a snapshot of this version' };
      const header = parseHeader(buf.toString('utf8', firstNl + 1, secondNl));
      if (!header) return { ok: false, reason: 'bad header' };
      const payload = buf.subarray(secondNl + 1);
      const total = header.sections.reduce((n, len) => n + len, 0);
      if (payload.length !== total || checksum([payload]) !== header.crc32) return { ok: false, reason: 'checksum mismatch' };
      try {
        const [headBytes = 0, ...textBytes] = header.sections;
        const head: unknown = deserialize(payload.subarray(0, headBytes));
        let at = headBytes;
        const texts = textBytes.map((len) => payload.toString('latin1', at, (at += len)));
        return { ok: true, meta: { seq: header.seq, eventId: header.eventId }, head, texts };
      } catch (e) {
        return { ok: false, reason: `does not deserialise: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}
