// Puts a push's blobs in the repository as packaging names them, so hashing, checks and uploads
// overlap: a big blob is checked first (HEAD), more checks at once than uploads; a small blob
// costs round trips, not bandwidth, so it skips the HEAD (the self-mount that opens its upload
// says whether it is there) and has its own, wider queue. Blobs a sibling repository holds are
// mounted from it. Progress goes out as pipeline events.
import type { PipelineListener } from '../events';
import type { Blob } from '../package/packageApp';
import { blobExists, uploadBlob, type BlobOutcome } from './blobUpload';
import { holdersOf, rememberBlob } from './knownBlobs';
import { createLimiter } from './limiter';
import type { RegistryClient } from './registryClient';
import { isTransient } from './registryErrors';

/** Blobs up to this size go to the wide queue of small uploads. */
const SMALL_BLOB_BYTES = 1024 * 1024;
/** Existence checks, and small-blob uploads, in flight per slot of `concurrency`. */
const CHECKS_PER_UPLOAD = 4;
const SMALL_UPLOADS_PER_UPLOAD = 3;

/** Tries per blob, and the pause before the n-th retry (n × this). */
const ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;

/** Waits, or stops waiting when the push is cancelled (the caller then sees the abort). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Requests a sender may have in flight at once (for socket pools and abort listeners). */
export function requestsInFlight(concurrency: number): number {
  return concurrency * (CHECKS_PER_UPLOAD + SMALL_UPLOADS_PER_UPLOAD + 1);
}

export interface BlobSenderOptions {
  readonly client: RegistryClient;
  /** host[:port] of the registry (the key of what it is known to hold). */
  readonly registry: string;
  readonly repository: string;
  /** Other repositories of the registry the token may pull from (mount sources). */
  readonly siblings: readonly string[];
  /** Large layers uploaded at the same time. */
  readonly concurrency: number;
  /** Settles once the registry accepted us; every blob waits for it. */
  readonly authenticated: Promise<void>;
  readonly signal: AbortSignal;
  readonly emit: PipelineListener;
}

export interface BlobSender {
  /** Starts putting the blob in the repository. */
  send(blob: Blob): void;
  /** The outcomes of every blob sent; rejects with the first failure. */
  outcomes(): Promise<BlobOutcome[]>;
}

export function createBlobSender(options: BlobSenderOptions): BlobSender {
  const { client, registry, repository, concurrency, signal } = options;
  const checks = createLimiter(concurrency * CHECKS_PER_UPLOAD, signal);
  const transfers = createLimiter(concurrency, signal);
  const smallTransfers = createLimiter(concurrency * SMALL_UPLOADS_PER_UPLOAD, signal);
  const pending: Promise<BlobOutcome>[] = [];
  const present = (blob: Blob, message: string): void => {
    options.emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction: 1 });
  };

  // A failure that may pass (503, a reset connection) sends the blob again, from its start.
  const transfer = async (blob: Blob, checked: boolean): Promise<BlobOutcome> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transferOnce(blob, checked);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isTransient(error) || signal.aborted) throw error;
        options.emit({ type: 'progress', step: 'push', id: blob.digest, message: `${blob.label}: retrying` });
        await pause(RETRY_PAUSE_MS * attempt, signal);
      }
    }
  };

  const transferOnce = async (blob: Blob, checked: boolean): Promise<BlobOutcome> => {
    const holders = holdersOf(registry, blob.digest, options.siblings);
    // Unchecked blobs are "mounted" from this repository: present (201) or upload opened (202).
    const mountFrom = holders.length > 0 ? holders.slice(0, 1) : checked ? [] : [repository];
    const outcome = await uploadBlob({
      client,
      repository,
      blob,
      mountFrom,
      onProgress: progressReporter(blob, options.emit),
    });
    rememberBlob(registry, blob.digest, repository);
    if (outcome.how === 'mounted') present(blob, `${blob.label}: mounted from another repository`);
    if (outcome.how === 'present') present(blob, `${blob.label}: already in the registry`);
    return outcome;
  };

  const put = async (blob: Blob): Promise<BlobOutcome> => {
    await options.authenticated;
    if (blob.size <= SMALL_BLOB_BYTES) return smallTransfers.run(() => transfer(blob, false));
    if (await checks.run(() => blobExists(client, repository, blob))) {
      rememberBlob(registry, blob.digest, repository);
      present(blob, `${blob.label}: already in the registry`);
      return { digest: blob.digest, how: 'present', uploadedBytes: 0 };
    }
    return transfers.run(() => transfer(blob, true));
  };

  return {
    send(blob) {
      const outcome = put(blob);
      outcome.catch(() => undefined); // collected by outcomes(), or dropped when packaging fails
      pending.push(outcome);
    },
    outcomes: () => Promise.all(pending),
  };
}

/** Reports an upload's progress about every megabyte, and at its end. */
function progressReporter(blob: Blob, emit: PipelineListener): (sent: number) => void {
  let lastReported = 0;
  return (sent) => {
    if (sent - lastReported < 1 << 20 && sent < blob.size) return;
    lastReported = sent;
    const message = `${blob.label}: ${formatBytes(sent)} of ${formatBytes(blob.size)}`;
    const fraction = blob.size === 0 ? 1 : sent / blob.size;
    emit({ type: 'progress', step: 'push', id: blob.digest, message, fraction });
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
