// SHA-256 digests computed by streaming, so that no file is ever held whole in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

export async function digestFile(path: string, inlineMax: number, signal?: AbortSignal): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  const small: Buffer[] = [];
  for await (const chunk of createReadStream(path, { signal, highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    size += buffer.length;
    if (size <= inlineMax) small.push(buffer);
  }
  const digest = `sha256:${hash.digest('hex')}`;
  return size <= inlineMax ? { digest, size, inline: Buffer.concat(small) } : { digest, size };
}
