// The OCI image around a packaged Spin app (SPEC §1d.1): the image config with the
// lockedAppDigest label, the manifest listing config and layers, and Spin's inferred annotations.
import type { AppManifest } from '../appManifest';
import { sha256Digest } from './fileDigest';
import { LOCKED_APP_DIGEST_LABEL, OCI_IMAGE_CONFIG_MEDIA_TYPE } from './mediaTypes';
import type { Blob } from './blob';

/** The image config blob: wasm / Wasip1, labelled with the digest of the locked-app layer. */
export function imageConfig(lockedAppDigest: string): Blob {
  const bytes = Buffer.from(
    JSON.stringify({
      architecture: 'wasm',
      os: 'Wasip1',
      config: { Labels: { [LOCKED_APP_DIGEST_LABEL]: lockedAppDigest } },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  return {
    digest: sha256Digest(bytes),
    size: bytes.length,
    mediaType: OCI_IMAGE_CONFIG_MEDIA_TYPE,
    content: { bytes },
    label: 'image config',
  };
}

/** The image manifest, exactly as it is PUT (schemaVersion 2, no mediaType field). */
export function ociImageManifest(
  config: Blob,
  layers: readonly Blob[],
  annotations: Readonly<Record<string, string>>,
): Buffer {
  const descriptor = (b: Blob): { mediaType: string; digest: string; size: number } => ({
    mediaType: b.mediaType,
    digest: b.digest,
    size: b.size,
  });
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      config: descriptor(config),
      layers: layers.map(descriptor),
      annotations,
    }),
  );
}

/** Spin's inferred annotations (title, description, version, authors, created); explicit ones win. */
export function manifestAnnotations(
  manifest: AppManifest,
  explicit: Readonly<Record<string, string>> | undefined,
  created: Date,
): Record<string, string> {
  const inferred: Record<string, string> = {};
  if (manifest.authors.length > 0) inferred['org.opencontainers.image.authors'] = manifest.authors.join(', ');
  inferred['org.opencontainers.image.title'] = manifest.name;
  if (manifest.description !== undefined) {
    inferred['org.opencontainers.image.description'] = manifest.description;
  }
  if (manifest.version !== undefined) inferred['org.opencontainers.image.version'] = manifest.version;
  inferred['org.opencontainers.image.created'] = rfc3339(created);
  const all = { ...inferred, ...(explicit ?? {}) };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k] as string]),
  );
}

/** RFC 3339 as chrono writes it (`+00:00`, not `Z`). */
function rfc3339(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
