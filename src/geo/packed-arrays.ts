// Named typed arrays in one binary blob, for the gazetteer's data files: loading them is a copy,
// not a parse. Layout: a 4-byte little-endian length, a JSON header of that many bytes
// ({ meta, arrays: [{ name, type, length }] }), then the arrays in that order, each starting at a
// multiple of 4 bytes.

const TYPES = { u8: Uint8Array, i32: Int32Array, u32: Uint32Array, f32: Float32Array } as const;
type TypeName = keyof typeof TYPES;
export type PackedArray = Uint8Array | Int32Array | Uint32Array | Float32Array;

const align4 = (n: number) => (n + 3) & ~3;

function typeName(array: PackedArray): TypeName {
  if (array instanceof Uint8Array) return "u8";
  if (array instanceof Int32Array) return "i32";
  if (array instanceof Uint32Array) return "u32";
  return "f32";
}

export function pack(meta: unknown, arrays: Record<string, PackedArray>): Uint8Array {
  const entries = Object.entries(arrays);
  const header = new TextEncoder().encode(
    JSON.stringify({ meta, arrays: entries.map(([name, a]) => ({ name, type: typeName(a), length: a.length })) }),
  );
  let size = align4(4 + header.length);
  const offsets = entries.map(([, a]) => {
    const at = size;
    size = align4(size + a.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  entries.forEach(([, a], i) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]);
  });
  return out;
}

export function unpack<M>(bytes: Uint8Array, what: string): { meta: M; arrays: Record<string, PackedArray> } {
  const broken = () => new Error(`${what} is truncated or not in the expected format: run \`npm run gazetteer:build\``);
  // Typed arrays need aligned offsets: copy unless the bytes start on a 4-byte boundary.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  if (own.byteLength < 4) throw broken();
  const headerLength = new DataView(own.buffer, own.byteOffset, own.byteLength).getUint32(0, true);
  let header: { meta: M; arrays: Array<{ name: string; type: TypeName; length: number }> };
  try {
    header = JSON.parse(new TextDecoder().decode(own.subarray(4, 4 + headerLength)));
  } catch {
    throw broken();
  }
  let at = align4(4 + headerLength);
  const arrays: Record<string, PackedArray> = {};
  for (const { name, type, length } of header.arrays) {
    const Type = TYPES[type];
    if (!Type || at + length * Type.BYTES_PER_ELEMENT > own.byteLength) throw broken();
    arrays[name] = new Type(own.buffer as ArrayBuffer, own.byteOffset + at, length);
    at = align4(at + length * Type.BYTES_PER_ELEMENT);
  }
  return { meta: header.meta, arrays };
}
