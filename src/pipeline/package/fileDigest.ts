// SHA-256 digests computed by streaming, so that no file is ever held whole in memory.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export interface FileDigest {
  /** `sha256:<hex>` */
  readonly digest: string;
  readonly size: number;
  /** The content itself when it is small enough to inline (≤ inlineMax bytes). */
  readonly inline?: Buffer;
}

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Read buffer per digest in progress; reused for every chunk, so hashing allocates nothing. */
const CHUNK_BYTES = 256 * 1024;

export async function digestFile(path: string, inlineMax: number, signal?: AbortSignal): Promise<FileDigest> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const handle = await open(path, 'r');
  let size = 0;
  let inline: Buffer | undefined;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      if (size === 0 && bytesRead <= inlineMax) inline = Buffer.from(chunk);
      else inline = undefined;
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const digest = `sha256:${hash.digest('hex')}`;
  return size <= inlineMax ? { digest, size, inline: inline ?? Buffer.alloc(0) } : { digest, size };
}
