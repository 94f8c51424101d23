// `spin registry push` in-process: package the app, put every blob in the repository as soon as
// packaging names it (blobSender: skipping what is there, mounting what a sibling repository has,
// streaming the rest, a few in parallel), and only then PUT the manifest — so an interrupted push
// never leaves a manifest that points at missing blobs, and a retry only sends what is missing.
import { setMaxListeners } from 'node:events';
import { PipelineError, type PipelineListener } from '../events';
import { OCI_IMAGE_MANIFEST_MEDIA_TYPE } from '../package/mediaTypes';
import { sha256Digest } from '../package/fileDigest';
import { packageApp, type Blob, type PackagedApp } from '../package/packageApp';
import type { BlobOutcome } from './blobUpload';
import { createBlobSender, formatBytes, requestsInFlight } from './blobSender';
import { dockerCredentials, type RegistryCredentials } from './credentials';
import {
  formatReference,
  parseReference,
  ReferenceError,
  usesPlainHttp,
  type ImageReference,
} from './reference';
import { manifestUnderTag, sameContent } from './existingManifest';
import { siblingRepositories } from './knownBlobs';
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
  /** Push files that resolve outside the app folder (each with a warning); else they fail the push. */
  readonly allowFilesOutsideApp?: boolean;
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
  /** The registry already had this app (same config and layers) under the tag: nothing was put. */
  readonly unchanged: boolean;
}

export async function pushApp(options: PushOptions): Promise<PushResult> {
  const emit = options.onEvent ?? (() => undefined);
  const ref = taggedReference(options.reference);
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
  setMaxListeners(requestsInFlight(concurrency) * 2 + 16, signal);
  const client = new RegistryClient({
    host: ref.apiHost,
    plainHttp: usesPlainHttp(ref.apiHost, options.insecureHosts),
    credentials,
    signal,
    maxSockets: requestsInFlight(concurrency),
  });
  const target = formatReference({ ...ref, digest: undefined });
  let packaged: PackagedApp | undefined;
  try {
    // Repositories of this registry that earlier pushes filled: blobs can be mounted from them.
    const siblings = siblingRepositories(ref.apiHost, ref.repository);
    const fromScopes = siblings.map((r) => `repository:${r}:pull`);
    const authenticated = client.authenticate([`repository:${ref.repository}:pull,push`, ...fromScopes]);
    authenticated.catch(() => undefined); // awaited by every blob
    const sender = createBlobSender({
      client,
      registry: ref.apiHost,
      repository: ref.repository,
      siblings,
      concurrency,
      authenticated,
      signal,
      emit,
    });
    packaged = await packageApp({
      manifestPath: options.manifestPath,
      signal,
      annotations: options.annotations,
      onLayer: (layer) => sender.send(layer),
      ...(options.onEvent && { onEvent: options.onEvent }),
      allowFilesOutsideApp: options.allowFilesOutsideApp === true,
    });
    sender.send(packaged.config);
    const blobs: Blob[] = [packaged.config, ...packaged.layers];
    const totalBytes = blobs.reduce((n, b) => n + b.size, 0);
    const message = `Pushing ${blobs.length} blobs (${formatBytes(totalBytes)}) to ${target}`;
    emit({ type: 'start', step: 'push', message });
    // Asked while the blobs go: what the tag names now.
    const existing = authenticated.then(() => manifestUnderTag(client, ref.repository, ref.tag));
    existing.catch(() => undefined);
    const outcomes = await sender.outcomes();

    options.signal?.throwIfAborted();
    const uploadedBytes = outcomes.reduce((n: number, o: BlobOutcome) => n + o.uploadedBytes, 0);
    const skippedBlobs = outcomes.filter((o) => o.how !== 'uploaded').length;
    const before = await existing.catch(() => undefined);
    const unchanged =
      uploadedBytes === 0 && before !== undefined && sameContent(before.bytes, packaged.imageManifest);
    const digest = unchanged ? before.digest : await putManifest(client, ref, target, packaged.imageManifest);
    const done = unchanged ? `${target} is up to date (${digest})` : `Pushed with digest ${digest}`;
    emit({ type: 'done', step: 'push', message: done });
    return {
      unchanged,
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
    await packaged?.dispose();
  }
}

/** The reference to push to; it must name a tag (the manifest is put under it). */
function taggedReference(reference: string): ImageReference & { readonly tag: string } {
  let ref: ImageReference;
  try {
    ref = parseReference(reference);
  } catch (error) {
    throw new PipelineError('usage', error instanceof ReferenceError ? error.message : String(error));
  }
  const tag = ref.tag;
  if (tag === undefined) {
    throw new PipelineError('usage', `Push needs a tag, not only a digest: ${reference}`);
  }
  return { ...ref, tag };
}

/** PUTs the manifest under the tag; its digest as the registry says it (else as we compute it). */
async function putManifest(
  client: RegistryClient,
  ref: ImageReference & { readonly tag: string },
  target: string,
  manifest: Buffer,
): Promise<string> {
  const response = await client.request('PUT', `/v2/${ref.repository}/manifests/${ref.tag}`, {
    what: `manifest ${target}`,
    headers: { 'Content-Type': OCI_IMAGE_MANIFEST_MEDIA_TYPE },
    body: manifest,
  });
  const returned = response.headers['docker-content-digest'];
  return (Array.isArray(returned) ? returned[0] : returned) ?? sha256Digest(manifest);
}
