import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

// A snapshot of the aggregate (ảnh chụp trạng thái) so a restart replays only the log's tail. One file:
//   line 1  "cks-snapshot 1"                 (container version)
//   line 2  JSON header { seq, eventId, bytes, sha256 }
//   rest    v8.serialize(image)
// Written to a temp file, fsynced, renamed over the old one, directory fsynced: a crash leaves the old
// snapshot or the new one, never half of one. Read back only when the checksum matches; anything
// else (missing, truncated, corrupt, other version) is "no snapshot" and the caller replays the log.

const MAGIC = 'cks-snapshot 1';

export interface SnapshotMeta {
  /** The log's seq the image includes (every record with seq ≤ this one). */
  seq: number;
  /** eventId of the record at `seq`: ties the snapshot to this log, not another one with as many rows. */
  eventId: string;
}

export type LoadedSnapshot = { ok: true; meta: SnapshotMeta; image: unknown } | { ok: false; reason: string };

export interface SnapshotStore {
  /** Serialise now (the state must not change meanwhile: this is synchronous) and write durably. */
  save(meta: SnapshotMeta, image: unknown): { bytes: number };
  load(): LoadedSnapshot;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

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

function parseHeader(text: string): { seq: number; eventId: string; bytes: number; sha256: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { seq, eventId, bytes, sha256: sum } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || typeof eventId !== 'string' || typeof bytes !== 'number' || typeof sum !== 'string') return undefined;
  return { seq, eventId, bytes, sha256: sum };
}

export function fileSnapshotStore(file: string): SnapshotStore {
  return {
    save(meta, image) {
      const payload = serialize(image);
      const header = JSON.stringify({ seq: meta.seq, eventId: meta.eventId, bytes: payload.length, sha256: sha256(payload) });
      writeDurably(file, [Buffer.from(`${MAGIC}\n${header}\n`), payload]);
      return { bytes: payload.length };
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
      if (payload.length !== header.bytes || sha256(payload) !== header.sha256) return { ok: false, reason: 'checksum mismatch' };
      try {
        return { ok: true, meta: { seq: header.seq, eventId: header.eventId }, image: deserialize(payload) };
      } catch (e) {
        return { ok: false, reason: `does not deserialise: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}
