// Tiny, valid Wasm modules for tests and benchmarks: the header, plus one custom section whose
// payload makes the module exactly the size asked for (and distinct, given a seed).
import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';

/** `\0asm` + version 1: the smallest valid module. */
export const EMPTY_WASM_MODULE = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function leb128(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

/** Header of a module of exactly `size` bytes whose custom section payload (`payloadSize` bytes) follows. */
function sectionHeader(size: number): { header: Buffer; payloadSize: number } {
  const name = Buffer.from([0x01, 0x78]); // name "x"
  for (let lebLength = 1; lebLength <= 5; lebLength++) {
    const sectionSize = size - EMPTY_WASM_MODULE.length - 1 - lebLength;
    const leb = leb128(sectionSize);
    if (leb.length === lebLength && sectionSize >= name.length) {
      return {
        header: Buffer.concat([EMPTY_WASM_MODULE, Buffer.from([0x00]), leb, name]),
        payloadSize: sectionSize - name.length,
      };
    }
  }
  throw new Error(`cannot build a Wasm module of ${size} bytes`);
}

/** A valid module of `size` bytes (≥ 11) whose payload is `fill` repeated (or random bytes). */
export function wasmModule(size: number, fill?: string): Buffer {
  if (size === EMPTY_WASM_MODULE.length) return Buffer.from(EMPTY_WASM_MODULE);
  const { header, payloadSize } = sectionHeader(size);
  const payload = fill === undefined ? randomBytes(payloadSize) : Buffer.alloc(payloadSize, fill);
  return Buffer.concat([header, payload]);
}

export function writeWasmModule(path: string, size: number, fill?: string): void {
  writeFileSync(path, wasmModule(size, fill));
}

/** Writes a large random module in chunks (for benchmarks). */
export async function writeLargeWasmModule(path: string, size: number): Promise<void> {
  const { header, payloadSize } = sectionHeader(size);
  const out = createWriteStream(path);
  const write = (chunk: Buffer): Promise<void> =>
    new Promise((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
  await write(header);
  for (let left = payloadSize; left > 0; left -= 1 << 20) await write(randomBytes(Math.min(left, 1 << 20)));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
