// Puts one blob in a repository: checked first (HEAD), then mounted from another repository of
// the same registry when we know one that holds it, otherwise uploaded with POST then one
// streamed PUT, hashing the bytes as they go out so a file changed meanwhile is caught.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { PipelineError } from '../events';
import type { Blob } from '../package/packageApp';
import type { RegistryClient, RequestBody } from './registryClient';

export interface BlobOutcome {
  readonly digest: string;
  /** 'present': the registry had it; 'mounted': cross-repository mount; 'uploaded': bytes sent. */
  readonly how: 'present' | 'mounted' | 'uploaded';
  readonly uploadedBytes: number;
}

export interface BlobUploadOptions {
  readonly client: RegistryClient;
  readonly repository: string;
  readonly blob: Blob;
  /** Other repositories of this registry known to hold the blob. */
  readonly mountFrom?: readonly string[];
  readonly onProgress?: (sentBytes: number) => void;
}

/** Does the repository already hold this blob? (HEAD; cheap, so callers may run many at once.) */
export async function blobExists(client: RegistryClient, repository: string, blob: Blob): Promise<boolean> {
  const head = await client.request('HEAD', `/v2/${repository}/blobs/${blob.digest}`, {
    what: `checking layer ${blob.label} (${blob.digest})`,
    accept: [404],
  });
  return head.status === 200;
}

/** Mounts or uploads a blob the repository does not hold yet (see blobExists). */
export async function uploadBlob(options: BlobUploadOptions): Promise<BlobOutcome> {
  const { client, repository, blob } = options;
  const what = `layer ${blob.label} (${blob.digest})`;

  let location: string | undefined;
  for (const from of options.mountFrom ?? []) {
    const query = new URLSearchParams({ mount: blob.digest, from });
    const mount = await client.request('POST', `/v2/${repository}/blobs/uploads/?${query}`, {
      what: `mounting ${what}`,
      accept: [202, 404],
    });
    if (mount.status === 201) return { digest: blob.digest, how: 'mounted', uploadedBytes: 0 };
    if (mount.status === 202) {
      location = headerString(mount.headers['location']);
      break;
    }
  }
  if (location === undefined) {
    const start = await client.request('POST', `/v2/${repository}/blobs/uploads/`, {
      what: `starting upload of ${what}`,
    });
    location = headerString(start.headers['location']);
  }
  if (!location) {
    throw new PipelineError('registry-error', `The registry gave no upload location for ${what}.`);
  }

  const target = new URL(location, client.baseUrl);
  target.searchParams.set('digest', blob.digest);
  let sent = 0;
  let hash = createHash('sha256');
  const body: RequestBody =
    'bytes' in blob.content
      ? blob.content.bytes
      : {
          length: blob.size,
          stream: () => {
            // A fresh attempt (after an auth retry) counts and hashes from the start.
            sent = 0;
            hash = createHash('sha256');
            return countingStream(
              createReadStream((blob.content as { file: string }).file, { highWaterMark: 256 * 1024 }),
              (chunk) => {
                sent += chunk.length;
                hash.update(chunk);
                options.onProgress?.(sent);
              },
            );
          },
        };
  await client.request('PUT', target.toString(), {
    what: `upload of ${what}`,
    headers: { 'Content-Type': 'application/octet-stream' },
    body,
  });
  if ('file' in blob.content && `sha256:${hash.digest('hex')}` !== blob.digest) {
    throw new PipelineError(
      'registry-error',
      `${blob.content.file} changed while it was being pushed; push again.`,
    );
  }
  if ('bytes' in blob.content) options.onProgress?.(blob.size);
  return { digest: blob.digest, how: 'uploaded', uploadedBytes: blob.size };
}

function countingStream(source: Readable, onChunk: (chunk: Buffer) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk);
      callback(null, chunk);
    },
  });
  source.on('error', (error) => counter.destroy(error));
  return source.pipe(counter);
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
