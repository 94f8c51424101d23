// Puts one blob in a repository: mounted from another repository of the same registry when we
// know one that holds it (or "mounted" from the repository itself, which checks for it in the
// request that opens the upload), otherwise uploaded with POST then one streamed PUT, hashing
// the bytes as they go out so a file changed meanwhile is caught. Callers check big blobs first
// (blobExists: HEAD).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sha256Digest } from '../package/fileDigest';
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
  /**
   * Repositories to mount the blob from, tried in order: others of this registry known to hold
   * it, or the repository itself (one request that checks for the blob and, when it is missing,
   * opens the upload: 201 means present, 202 comes with the upload location).
   */
  readonly mountFrom?: readonly string[];
  readonly onProgress?: (sentBytes: number) => void;
}

/** Answers to a mount request after which a plain upload is still worth trying. */
const MOUNT_REFUSED = [400, 403, 404, 405, 501];

/** HEAD answers meaning "the registry holds it": 200, or a redirect to where the content is. */
const BLOB_REDIRECTS = [301, 302, 303, 307, 308];
/** HEAD answers that leave it unknown (not there, or HEAD unsupported): the blob is uploaded. */
const BLOB_UNKNOWN = [400, 404, 405, 501];

/** Does the repository already hold this blob? (HEAD; cheap, so callers may run many at once.) */
export async function blobExists(client: RegistryClient, repository: string, blob: Blob): Promise<boolean> {
  const head = await client.request('HEAD', `/v2/${repository}/blobs/${blob.digest}`, {
    what: `checking layer ${blob.label} (${blob.digest})`,
    accept: [...BLOB_REDIRECTS, ...BLOB_UNKNOWN],
  });
  return head.status === 200 || BLOB_REDIRECTS.includes(head.status);
}

/** Mounts or uploads a blob the repository does not hold yet (see blobExists). */
export async function uploadBlob(options: BlobUploadOptions): Promise<BlobOutcome> {
  const { client, repository, blob } = options;
  const what = `layer ${blob.label} (${blob.digest})`;

  let location: string | undefined;
  for (const from of options.mountFrom ?? []) {
    const query = new URLSearchParams({ mount: blob.digest, from });
    // A registry that cannot mount should open a plain upload (202); some refuse the parameters
    // instead (400, 403, 404, 405, 501): then the plain upload below is opened.
    const mount = await client.request('POST', `/v2/${repository}/blobs/uploads/?${query}`, {
      what: `mounting ${what}`,
      accept: MOUNT_REFUSED,
    });
    if (mount.status === 201) {
      // Mounting from the repository itself answers "already here" in the same request.
      return { digest: blob.digest, how: from === repository ? 'present' : 'mounted', uploadedBytes: 0 };
    }
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

  // The location's own query (upload state, sometimes signed) is kept as sent; the digest is added.
  const target = new URL(location, client.baseUrl);
  const digestParam = `digest=${encodeURIComponent(blob.digest)}`;
  target.search = target.search.length > 1 ? `${target.search}&${digestParam}` : `?${digestParam}`;
  const body = await requestBody(blob, options.onProgress);
  await client.request('PUT', target.toString(), {
    what: `upload of ${what}`,
    headers: { 'Content-Type': 'application/octet-stream' },
    body: body.body,
  });
  if (body.digest() !== blob.digest) {
    throw new PipelineError('registry-error', `${blob.label} changed while it was being pushed; push again.`);
  }
  options.onProgress?.(blob.size);
  return { digest: blob.digest, how: 'uploaded', uploadedBytes: blob.size };
}

/** Files up to this size are read whole and sent as one buffer (fewer round trips through the loop). */
const SMALL_FILE_BYTES = 256 * 1024;

/** The PUT body for a blob, and the digest of what was actually sent (checked after the upload). */
async function requestBody(
  blob: Blob,
  onProgress?: (sentBytes: number) => void,
): Promise<{ body: RequestBody; digest: () => string }> {
  const content = blob.content;
  if ('bytes' in content) return { body: content.bytes, digest: () => sha256Digest(content.bytes) };
  if (blob.size <= SMALL_FILE_BYTES) {
    const bytes = await readFile(content.file);
    return { body: bytes, digest: () => sha256Digest(bytes) };
  }
  let hash = createHash('sha256');
  const onChunk = (chunk: Buffer, offset: number): void => {
    // A retried request (after an auth challenge) starts again from the first byte.
    if (offset === 0) hash = createHash('sha256');
    hash.update(chunk);
    onProgress?.(offset + chunk.length);
  };
  return {
    body: { file: content.file, length: blob.size, onChunk },
    digest: () => `sha256:${hash.digest('hex')}`,
  };
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
