// Spin's archive layers (SPEC §1d.1): instead of one data layer per static file, a component's
// files go into one tar+gzip layer (when the layers would exceed 499, or SPIN_OCI_ARCHIVE_LAYERS is
// set). The puller stores every regular file of the archive under its own sha256 digest, so entry
// names only need to be sensible: the guest paths, `/`-separated. Entries are sorted, with mtime 0,
// uid/gid 0 and mode 0644, so that the same files always give the same archive digest. Files are
// streamed from disk into a temp file (the archive is never held in memory) and hashed on the way.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

/** Spin's limit: more layers than this (the locked-app layer aside) switch to archive layers. */
const MAX_LAYERS_BEFORE_ARCHIVE = 499;

/** Where the gzip header says which OS wrote it, and the value for Unix (RFC 1952). */
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNIX = 3;

/** The environment variable that asks for archive layers whatever the count (any non-empty value). */
const ARCHIVE_LAYERS_ENV = 'SPIN_OCI_ARCHIVE_LAYERS';

export interface ArchiveEntry {
  /** Absolute path on this machine. */
  readonly hostPath: string;
  /** Path inside the guest, relative and `/`-separated; the entry's name. */
  readonly guestPath: string;
  /** Size in bytes, as hashed (the tar header needs it before the content). */
  readonly size: number;
}

export interface WrittenArchive {
  readonly digest: string;
  readonly size: number;
}

/** Whether a push of `layerCount` layers uses archive layers (env wins when set non-empty). */
export function usesArchiveLayers(layerCount: number, env: NodeJS.ProcessEnv): boolean {
  const forced = env[ARCHIVE_LAYERS_ENV];
  return (forced !== undefined && forced !== '') || layerCount > MAX_LAYERS_BEFORE_ARCHIVE;
}

/** Writes the tar+gzip archive of `entries` to `target`; its sha256 digest and size. */
export async function writeArchiveLayer(
  entries: readonly ArchiveEntry[],
  target: string,
  signal?: AbortSignal,
): Promise<WrittenArchive> {
  const sorted = uniqueByName(entries).sort((a, b) => (a.guestPath < b.guestPath ? -1 : 1));
  const pack = tar.pack();
  const hash = createHash('sha256');
  let size = 0;
  const written = pipeline(
    pack,
    createGzip(),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        // The gzip header names the OS that wrote it (byte 9): always Unix, so that the same files
        // give the same digest from Windows, macOS or Linux.
        if (size === 0 && chunk.length > GZIP_OS_BYTE) chunk[GZIP_OS_BYTE] = GZIP_OS_UNIX;
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(target),
    signal ? { signal } : {},
  );
  try {
    for (const entry of sorted) {
      signal?.throwIfAborted();
      await addEntry(pack, entry, signal);
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** One regular file, its content streamed from disk with backpressure. */
async function addEntry(pack: tar.Pack, entry: ArchiveEntry, signal?: AbortSignal): Promise<void> {
  let finish: (error?: Error | null) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  const sink = pack.entry(
    {
      name: entry.guestPath,
      type: 'file',
      size: entry.size,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: new Date(0),
    },
    (error) => finish(error),
  );
  for await (const chunk of createReadStream(entry.hostPath, signal ? { signal } : {})) {
    if (!sink.write(chunk as Buffer)) await once(sink, 'drain');
  }
  sink.end(null);
  await finished;
}

/** Two mounts may place the same guest path; the archive holds it once (the later one, as the lock). */
function uniqueByName(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  return [...new Map(entries.map((e) => [e.guestPath, e])).values()];
}
