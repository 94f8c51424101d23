// `spin registry push` in-process: package the app, put every blob in the repository (skipping
// what is there, mounting what a sibling repository has, streaming the rest, a few in parallel;
// small blobs in two requests, as curl would: a self-mount that checks and opens, then the PUT),
// and only then PUT the manifest — so an interrupted push never leaves a manifest that points at
// missing blobs, and a retry only sends what is still missing.
import { setMaxListeners } from 'node:events';
import { PipelineError, type PipelineListener } from '../events';
import { OCI_IMAGE_MANIFEST_MEDIA_TYPE } from '../package/mediaTypes';
import { sha256Digest } from '../package/fileDigest';
import { packageApp, type Blob } from '../package/packageApp';
import { blobExists, uploadBlob, type BlobOutcome } from './blobUpload';
import { createLimiter } from './limiter';
import { dockerCredentials, type RegistryCredentials } from './credentials';
import {
  formatReference,
  parseReference,
  ReferenceError,
  usesPlainHttp,
  type ImageReference,
} from './reference';
import { RegistryClient } from './registryClient';

export { parseReference, formatReference, type ImageReference } from './reference';
export type { RegistryCredentials } from './credentials';

export interface PushOptions {
  readonly manifestPath: string;
  /** Where to push, e.g. `ghcr.io/me/app:v1` or `127.0.0.1:5000/app:latest`. */
  readonly reference: string;
  /** Explicit credentials (e.g. from VS Code's SecretStorage); else Docker's config is used. */
  readonly credentials?: RegistryCredentials;
  /** Registries (host:port) that may be reached over plain HTTP besides localhost. */
  readonly insecureHosts?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
  /** Large layers uploaded at the same time (default 4; small blobs 3x as many, checks 4x). */
  readonly concurrency?: number;
  /** Extra manifest annotations (Spin's `--annotation`). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Where Docker's config.json is (default: $DOCKER_CONFIG or ~/.docker). */
  readonly dockerConfigPath?: string;
}

export interface PushResult {
  /** Digest of the pushed manifest (`sha256:…`). */
  readonly digest: string;
  /** The reference as pushed, normalized (`registry/repository:tag`). */
  readonly reference: string;
  /** The immutable form: `registry/repository@digest`. */
  readonly digestReference: string;
  /** Blob bytes actually sent (0 when the registry had everything). */
  readonly uploadedBytes: number;
  /** Blobs not sent because the registry had them (or mounted them from another repository). */
  readonly skippedBlobs: number;
  readonly blobs: number;
}

/** Blobs up to this size go to the wide queue of small uploads. */
const SMALL_BLOB_BYTES = 1024 * 1024;
/** Existence checks, and small-blob uploads, in flight per slot of `concurrency`. */
const CHECKS_PER_UPLOAD = 4;
const SMALL_UPLOADS_PER_UPLOAD = 3;

/** Repositories of each registry known to hold a blob (for cross-repository mounts). */
const knownBlobs = new Map<string, Map<string, Set<string>>>();

function remember(registry: string, digest: string, repository: string): void {
  const byDigest = knownBlobs.get(registry) ?? new Map<string, Set<string>>();
  knownBlobs.set(registry, byDigest);
  const repos = byDigest.get(digest) ?? new Set<string>();
  byDigest.set(digest, repos);
  repos.add(repository);
}

export async function pushApp(options: PushOptions): Promise<PushResult> {
  const emit = options.onEvent ?? (() => undefined);
  let ref: ImageReference;
  try {
    ref = parseReference(options.reference);
  } catch (error) {
    throw new PipelineError('usage', error instanceof ReferenceError ? error.message : String(error));
  }
  if (ref.tag === undefined) {
    throw new PipelineError('usage', `Push needs a tag, not only a digest: ${options.reference}`);
  }
  emit({ type: 'start', step: 'push', message: `Packaging ${options.manifestPath}` });
  const credentials =
    options.credentials ??
    (await dockerCredentials(ref.registry, options.dockerConfigPath, options.signal).catch(() => undefined));
  if (options.signal?.aborted) throw new PipelineError('cancelled', 'The push was cancelled.');
  const concurrency = Math.max(1, options.concurrency ?? 4);
  // Stops every request still running when the push ends early (a failure, or the caller's cancel).
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Every request in flight listens to it (checks and uploads, plus file reads).
  setMaxListeners(concurrency * (CHECKS_PER_UPLOAD + SMALL_UPLOADS_PER_UPLOAD + 1) * 2 + 16, signal);
  const client = new RegistryClient({
    host: ref.apiHost,
    plainHttp: usesPlainHttp(ref.apiHost, options.insecureHosts),
    credentials,
    signal,
    maxSockets: concurrency * (CHECKS_PER_UPLOAD + SMALL_UPLOADS_PER_UPLOAD + 1),
  });
  const target = formatReference({ ...ref, digest: undefined });
  try {
    // Repositories of this registry that earlier pushes filled: blobs can be mounted from them.
    const siblings = [...new Set([...(knownBlobs.get(ref.apiHost)?.values() ?? [])].flatMap((r) => [...r]))]
      .filter((r) => r !== ref.repository)
      .slice(0, 8);
    const fromScopes = siblings.map((r) => `repository:${r}:pull`);
    const authenticated = client.authenticate([`repository:${ref.repository}:pull,push`, ...fromScopes]);
    authenticated.catch(() => undefined); // awaited by every blob below
    const transfer = async (blob: Blob, checked: boolean): Promise<BlobOutcome> => {
      let lastReported = 0;
      const holders = [...(knownBlobs.get(ref.apiHost)?.get(blob.digest) ?? [])].filter((r) =>
        siblings.includes(r),
      );
      // Unchecked blobs are "mounted" from this repository: present (201) or upload opened (202).
      const mountFrom = holders.length > 0 ? holders.slice(0, 1) : checked ? [] : [ref.repository];
      const outcome = await uploadBlob({
        client,
        repository: ref.repository,
        blob,
        mountFrom,
        onProgress: (sent) => {
          if (sent - lastReported < 1 << 20 && sent < blob.size) return;
          lastReported = sent;
          const message = `${blob.label}: ${formatBytes(sent)} of ${formatBytes(blob.size)}`;
          const fraction = blob.size === 0 ? 1 : sent / blob.size;
          emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction });
        },
      });
      remember(ref.apiHost, blob.digest, ref.repository);
      if (outcome.how !== 'uploaded') {
        const message =
          outcome.how === 'mounted'
            ? `${blob.label}: mounted from another repository`
            : `${blob.label}: already in the registry`;
        emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction: 1 });
      }
      return outcome;
    };

    // Each layer is sent as soon as packaging knows its digest, so hashing, checks and uploads
    // overlap. A big layer is checked first (HEAD), more checks at once than uploads. A small
    // blob costs round trips, not bandwidth: it skips the HEAD (the mount request that opens
    // its upload says whether it is there) and has its own, wider queue.
    const checks = createLimiter(concurrency * CHECKS_PER_UPLOAD, signal);
    const transfers = createLimiter(concurrency, signal);
    const smallTransfers = createLimiter(concurrency * SMALL_UPLOADS_PER_UPLOAD, signal);
    const pending: Promise<BlobOutcome>[] = [];
    const send = (blob: Blob): void => {
      const outcome = (async (): Promise<BlobOutcome> => {
        await authenticated;
        if (blob.size <= SMALL_BLOB_BYTES) return smallTransfers.run(() => transfer(blob, false));
        if (await checks.run(() => blobExists(client, ref.repository, blob))) {
          remember(ref.apiHost, blob.digest, ref.repository);
          const message = `${blob.label}: already in the registry`;
          emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction: 1 });
          return { digest: blob.digest, how: 'present', uploadedBytes: 0 };
        }
        return transfers.run(() => transfer(blob, true));
      })();
      outcome.catch(() => undefined); // collected by Promise.all below, or dropped when packaging fails
      pending.push(outcome);
    };
    const packaged = await packageApp({
      manifestPath: options.manifestPath,
      signal,
      annotations: options.annotations,
      onLayer: send,
    });
    send(packaged.config);
    const blobs: Blob[] = [packaged.config, ...packaged.layers];
    const totalBytes = blobs.reduce((n, b) => n + b.size, 0);
    const message = `Pushing ${blobs.length} blobs (${formatBytes(totalBytes)}) to ${target}`;
    emit({ type: 'start', step: 'push', message });
    const outcomes = await Promise.all(pending);

    options.signal?.throwIfAborted();
    const response = await client.request('PUT', `/v2/${ref.repository}/manifests/${ref.tag}`, {
      what: `manifest ${target}`,
      headers: { 'Content-Type': OCI_IMAGE_MANIFEST_MEDIA_TYPE },
      body: packaged.imageManifest,
    });
    const returned = response.headers['docker-content-digest'];
    const digest = (Array.isArray(returned) ? returned[0] : returned) ?? sha256Digest(packaged.imageManifest);
    const uploadedBytes = outcomes.reduce((n: number, o: BlobOutcome) => n + o.uploadedBytes, 0);
    const skippedBlobs = outcomes.filter((o) => o.how !== 'uploaded').length;
    emit({ type: 'done', step: 'push', message: `Pushed with digest ${digest}` });
    return {
      digest,
      reference: target,
      digestReference: formatReference({ ...ref, tag: undefined, digest }),
      uploadedBytes,
      skippedBlobs,
      blobs: blobs.length,
    };
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof PipelineError && error.kind === 'cancelled')) {
      throw new PipelineError('cancelled', 'The push was cancelled.');
    }
    throw error;
  } finally {
    stop.abort();
    client.close();
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
