import type { ContentHash } from './content-hash.ts';

// eventId → content hash of every event the state holds: the idempotency key (CONTRACT §1), which tells a
// duplicate from a conflict. As a JS Map, a million of them cost a million strings and map entries
// (≈ 62 bytes an event), a major GC that marks each, and a restore that parses and inserts each one.
// Here they are flat: the ids' UTF-8 bytes end to end in one arena and, per entry, where its bytes end,
// the hash of its id and its content hash, with an open-addressing index (linear probing, at most half
// full) of entry numbers. Six typed arrays: a snapshot stores them and a restore takes them back as
// they are. Entries keep insertion order; nothing is ever removed (the log is append-only).

const MIN_ENTRIES = 1_024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The table as plain typed arrays, each exactly as long as its content (a snapshot's part). */
export interface EventIdTableImage {
  /** The ids' UTF-8 bytes, end to end. */
  bytes: Uint8Array;
  /** Entry i's bytes end at ends[i] (start at ends[i − 1], or 0). */
  ends: Uint32Array;
  /** 32-bit hash of each entry's id (the index's key). */
  keyHashes: Uint32Array;
  /** Content hash of each entry's event. */
  hashes: Float64Array;
  /** The index: entry number + 1 at each occupied slot, 0 where free; its length is a power of two. */
  slots: Int32Array;
}

/** FNV-1a over the UTF-16 code units: the same id always hashes the same, with no encoding on a look-up. */
function keyHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(array: T, atLeast: number, make: (n: number) => T): T {
  if (array.length >= atLeast) return array;
  const next = make(Math.max(atLeast, array.length * 2, MIN_ENTRIES));
  next.set(array);
  return next;
}

export class EventIdTable {
  private count = 0;
  private used = 0;
  private bytes: Uint8Array = new Uint8Array(MIN_ENTRIES * 32);
  private ends: Uint32Array = new Uint32Array(MIN_ENTRIES);
  private keyHashes: Uint32Array = new Uint32Array(MIN_ENTRIES);
  private hashes: Float64Array = new Float64Array(MIN_ENTRIES);
  private slots: Int32Array = new Int32Array(MIN_ENTRIES * 2);
  private scratch: Uint8Array = new Uint8Array(256);

  get size(): number {
    return this.count;
  }

  /** The content hash stored under `id`, if the table holds it. */
  get(id: string): ContentHash | undefined {
    const entry = this.find(id, keyHash(id));
    return entry < 0 ? undefined : this.hashes[entry];
  }

  has(id: string): boolean {
    return this.find(id, keyHash(id)) >= 0;
  }

  /** Hold `id` with its content hash (a held id keeps its first hash: the state holds each event once). */
  set(id: string, hash: ContentHash): void {
    const h = keyHash(id);
    if (this.find(id, h) >= 0) return;
    const n = this.count;
    if ((n + 1) * 2 > this.slots.length) this.reindex(this.slots.length * 2);
    const most = id.length * 3; // UTF-8 bytes of a UTF-16 string, at most
    this.bytes = grown(this.bytes, this.used + most, (k) => new Uint8Array(k));
    this.used += encoder.encodeInto(id, this.bytes.subarray(this.used)).written;
    this.ends = grown(this.ends, n + 1, (k) => new Uint32Array(k));
    this.keyHashes = grown(this.keyHashes, n + 1, (k) => new Uint32Array(k));
    this.hashes = grown(this.hashes, n + 1, (k) => new Float64Array(k));
    this.ends[n] = this.used;
    this.keyHashes[n] = h;
    this.hashes[n] = hash;
    this.count = n + 1;
    this.place(n, h);
  }

  /** [id, content hash] in insertion order (decodes each id: for tests and tools, not the hot path). */
  *entries(): IterableIterator<[string, ContentHash]> {
    for (let i = 0; i < this.count; i++) yield [this.idAt(i), this.hashes[i] ?? NaN];
  }

  /** Copies of the arrays, trimmed to their content. */
  image(): EventIdTableImage {
    return {
      bytes: this.bytes.slice(0, this.used),
      ends: this.ends.slice(0, this.count),
      keyHashes: this.keyHashes.slice(0, this.count),
      hashes: this.hashes.slice(0, this.count),
      slots: this.slots.slice(),
    };
  }

  /**
   * The table an image describes, its arrays copied as they are (one copy of memory, no re-insert); undefined
   * when the arrays do not fit together. The image passed the snapshot's checksum, so this catches a format
   * mix-up, not tampering. Copied, not taken: node's v8.deserialize makes typed arrays that are views into
   * the buffer it read — the whole snapshot file (≈ 220 MB at 1M events) would live as long as the table.
   */
  static fromImage(img: Partial<EventIdTableImage>): EventIdTable | undefined {
    const { bytes, ends, keyHashes, hashes, slots } = img;
    if (!(bytes instanceof Uint8Array) || !(ends instanceof Uint32Array) || !(keyHashes instanceof Uint32Array) || !(hashes instanceof Float64Array) || !(slots instanceof Int32Array)) return undefined;
    const n = ends.length;
    const powerOfTwo = slots.length >= 2 && (slots.length & (slots.length - 1)) === 0;
    if (keyHashes.length !== n || hashes.length !== n || !powerOfTwo || n * 2 > slots.length || (ends[n - 1] ?? 0) !== bytes.length) return undefined;
    let occupied = 0;
    for (const slot of slots) {
      if (slot < 0 || slot > n) return undefined;
      if (slot !== 0) occupied += 1;
    }
    if (occupied !== n) return undefined;
    const table = new EventIdTable();
    table.count = n;
    table.used = bytes.length;
    table.bytes = bytes.slice();
    table.ends = ends.slice();
    table.keyHashes = keyHashes.slice();
    table.hashes = hashes.slice();
    table.slots = slots.slice();
    return table;
  }

  private idAt(i: number): string {
    return decoder.decode(this.bytes.subarray(i === 0 ? 0 : (this.ends[i - 1] ?? 0), this.ends[i]));
  }

  /** Entry number of `id` (whose key hash is h), or −1. */
  private find(id: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s] ?? 0;
      if (slot === 0) return -1;
      const entry = slot - 1;
      if (this.keyHashes[entry] === h && this.idIs(entry, id)) return entry;
    }
  }

  private idIs(entry: number, id: string): boolean {
    const start = entry === 0 ? 0 : (this.ends[entry - 1] ?? 0);
    const length = (this.ends[entry] ?? 0) - start;
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    if (written !== length) return false;
    for (let i = 0; i < length; i++) if (this.scratch[i] !== this.bytes[start + i]) return false;
    return true;
  }

  private place(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while ((this.slots[s] ?? 0) !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private reindex(capacity: number): void {
    this.slots = new Int32Array(capacity);
    for (let i = 0; i < this.count; i++) this.place(i, this.keyHashes[i] ?? 0);
  }
}
