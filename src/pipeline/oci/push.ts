// `spin registry push` in-process: package the app, put every blob in the repository (skipping
// what is there, mounting what a sibling repository has, streaming the rest, a few in parallel),
// and only then PUT the manifest — so an interrupted push never leaves a manifest that points at
// missing blobs, and a retry only sends what is still missing.
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
  /** Layers uploaded at the same time (default 4). */
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
  const packaged = await packageApp({
    manifestPath: options.manifestPath,
    signal: options.signal,
    annotations: options.annotations,
  });
  const blobs: Blob[] = [
    packaged.config,
    ...packaged.layers.filter((l) => l.digest !== packaged.config.digest),
  ];
  const totalBytes = blobs.reduce((n, b) => n + b.size, 0);

  const credentials =
    options.credentials ??
    (await dockerCredentials(ref.registry, options.dockerConfigPath).catch(() => undefined));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const client = new RegistryClient({
    host: ref.apiHost,
    plainHttp: usesPlainHttp(ref.apiHost, options.insecureHosts),
    credentials,
    signal: options.signal,
    maxSockets: concurrency * 4,
  });
  const target = formatReference({ ...ref, digest: undefined });
  try {
    const mountSources = new Map<string, string[]>();
    for (const blob of blobs) {
      const repos = [...(knownBlobs.get(ref.apiHost)?.get(blob.digest) ?? [])].filter(
        (r) => r !== ref.repository,
      );
      if (repos.length > 0) mountSources.set(blob.digest, repos.slice(0, 1));
    }
    const fromScopes = [...new Set([...mountSources.values()].flat())].map((r) => `repository:${r}:pull`);
    await client.authenticate([`repository:${ref.repository}:pull,push`, ...fromScopes]);
    const transfer = async (blob: Blob): Promise<BlobOutcome> => {
      let lastReported = 0;
      const outcome = await uploadBlob({
        client,
        repository: ref.repository,
        blob,
        mountFrom: mountSources.get(blob.digest),
        onProgress: (sent) => {
          if (sent - lastReported < 1 << 20 && sent < blob.size) return;
          lastReported = sent;
          const message = `${blob.label}: ${formatBytes(sent)} of ${formatBytes(blob.size)}`;
          emit({
            type: 'progress',
            step: 'push',
            id: blob.digest,
            message,
            fraction: blob.size === 0 ? 1 : sent / blob.size,
          });
        },
      });
      remember(ref.apiHost, blob.digest, ref.repository);
      if (outcome.how === 'mounted') {
        const message = `${blob.label}: mounted from another repository`;
        emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction: 1 });
      }
      return outcome;
    };
    emit({
      type: 'start',
      step: 'push',
      message: `Pushing ${blobs.length} blobs (${formatBytes(totalBytes)}) to ${target}`,
    });

    // Existence checks are small requests: more of them run at once than uploads. Each blob goes
    // to the upload queue as soon as its check says it is missing, largest first, so the long
    // uploads start at once and the small ones fill the gaps.
    const checks = createLimiter(concurrency * 4, options.signal);
    const transfers = createLimiter(concurrency, options.signal);
    const bySize = [...blobs].sort((a, b) => b.size - a.size);
    const outcomes = await Promise.all(
      bySize.map(async (blob): Promise<BlobOutcome> => {
        if (await checks.run(() => blobExists(client, ref.repository, blob))) {
          remember(ref.apiHost, blob.digest, ref.repository);
          emit({
            type: 'progress',
            step: 'push',
            id: blob.digest,
            message: `${blob.label}: already in the registry`,
            fraction: 1,
          });
          return { digest: blob.digest, how: 'present', uploadedBytes: 0 };
        }
        return transfers.run(() => transfer(blob));
      }),
    );

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
    client.close();
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
