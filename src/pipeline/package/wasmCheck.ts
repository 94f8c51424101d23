// Every component source and dependency must be a Wasm binary (magic `\0asm`).
import { open } from 'node:fs/promises';

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** True when the file starts with the Wasm magic; false when it does not or cannot be read. */
export async function isWasmFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(WASM_MAGIC);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
