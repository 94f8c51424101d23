// Every component source and dependency must be Wasm: a binary (magic `\0asm`) or, as Spin also
// accepts, the text format (WAT: a `(module` or `(component` after whitespace and comments).
import { open } from 'node:fs/promises';

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
/** How much of a file is read to recognize WAT (its leading comments included). */
const HEAD_BYTES = 4096;

/** True for a Wasm binary or WAT; false when it is neither or cannot be read. */
export async function isWasmFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    return (
      (bytesRead >= 4 && bytes.subarray(0, 4).equals(WASM_MAGIC)) || looksLikeWat(bytes.toString('utf8'))
    );
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Whether text starts, after whitespace and `;;` / `(; ;)` comments, with a module or component. */
function looksLikeWat(text: string): boolean {
  let rest = text.replace(/^\uFEFF/, '');
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith(';;')) {
      const end = trimmed.indexOf('\n');
      if (end < 0) return false;
      rest = trimmed.slice(end + 1);
    } else if (trimmed.startsWith('(;')) {
      const end = trimmed.indexOf(';)');
      if (end < 0) return false;
      rest = trimmed.slice(end + 2);
    } else {
      return /^\((module|component)\b/.test(trimmed);
    }
  }
}
