// The lookup index (data/gazetteer/index.bin.gz): every key of src/geo/place-keys.ts under which
// a settlement is found, with the rows it finds. Keys are one UTF-8 text (a key per line, sorted);
// each key's rows are a slice of one typed array, stored as gaps (smaller once compressed) and
// summed up on load. Keys are found through a hash table built on load.
import { pack, unpack } from "./packed-arrays.js";

export function encodeIndex(postings: Map<string, number[]>): Uint8Array {
  const keys = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts = new Uint32Array(keys.length + 1);
  const gaps: number[] = [];
  keys.forEach((key, i) => {
    const rows = [...new Set(postings.get(key))].sort((a, b) => a - b);
    for (let j = 0; j < rows.length; j++) gaps.push(j ? rows[j] - rows[j - 1] : rows[j]);
    starts[i + 1] = gaps.length;
  });
  return pack({ keys: keys.length }, { keys: new TextEncoder().encode(keys.join("\n")), starts, rows: Uint32Array.from(gaps) });
}

export class LookupIndex {
  private keysText: string;
  private keyStarts: Uint32Array;
  private starts: Uint32Array;
  private rowNumbers: Uint32Array;
  /** Hash table: slot → key number + 1 (0: empty), probed linearly. */
  private slots: Int32Array;

  constructor(bytes: Uint8Array) {
    const { meta, arrays } = unpack<{ keys: number }>(bytes, "index.bin.gz");
    this.keysText = new TextDecoder().decode(arrays.keys);
    this.starts = arrays.starts as Uint32Array;
    this.rowNumbers = arrays.rows as Uint32Array;
    for (let k = 0; k < meta.keys; k++)
      for (let i = this.starts[k] + 1; i < this.starts[k + 1]; i++) this.rowNumbers[i] += this.rowNumbers[i - 1];
    // keyStarts[k + 1] is one past the newline after key k, so key k ends at keyStarts[k + 1] - 1.
    this.keyStarts = new Uint32Array(meta.keys + 1);
    const text = this.keysText;
    for (let i = 0, k = 1; i < text.length; i++) if (text.charCodeAt(i) === 10) this.keyStarts[k++] = i + 1;
    this.keyStarts[meta.keys] = text.length + 1;
    let size = 1024;
    while (size < 2 * meta.keys) size *= 2;
    this.slots = new Int32Array(size);
    for (let k = 0; k < meta.keys; k++) {
      let slot = hashOf(this.keysText, this.keyStarts[k], this.keyStarts[k + 1] - 1) & (size - 1);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = k + 1;
    }
  }

  /**
   * The number of `key` in the index, or -1: its rows are row(i) for first(k) ≤ i < end(k).
   * (Indices rather than an array: lookups are many and short, and views would be allocations.)
   */
  find(key: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(key, 0, key.length) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const k = this.slots[slot] - 1;
      if (this.keyIs(k, key)) return k;
    }
    return -1;
  }

  first(k: number): number {
    return this.starts[k];
  }

  end(k: number): number {
    return this.starts[k + 1];
  }

  row(i: number): number {
    return this.rowNumbers[i];
  }

  /** The rows found under `key`, as a new array (for tests and tools). */
  rows(key: string): number[] {
    const k = this.find(key);
    return k < 0 ? [] : Array.from(this.rowNumbers.subarray(this.first(k), this.end(k)));
  }

  private keyIs(k: number, key: string): boolean {
    const start = this.keyStarts[k];
    if (this.keyStarts[k + 1] - 1 - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.keysText.charCodeAt(start + i) !== key.charCodeAt(i)) return false;
    return true;
  }
}

/** FNV-1a of text[from, to) by UTF-16 code units. */
export function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
