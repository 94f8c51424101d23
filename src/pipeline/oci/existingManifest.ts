// The manifest a registry already has under a tag, compared with the one a push would put: when
// it names the same config and layers (only Spin's `created` annotation differs), the push has
// nothing to change and keeps the registry's manifest, so its digest — and a SpinApp that deploys
// it — stays the same.
import { OCI_IMAGE_MANIFEST_MEDIA_TYPE } from '../package/mediaTypes';
import { sha256Digest } from '../package/fileDigest';
import type { RegistryClient } from './registryClient';

interface Descriptor {
  readonly mediaType?: string;
  readonly digest?: string;
  readonly size?: number;
}

interface ManifestContent {
  readonly config?: Descriptor;
  readonly layers?: readonly Descriptor[];
}

/** The manifest under `repository:tag` (its bytes and digest), or undefined when there is none. */
export async function manifestUnderTag(
  client: RegistryClient,
  repository: string,
  tag: string,
): Promise<{ readonly digest: string; readonly bytes: Buffer } | undefined> {
  const response = await client.request('GET', `/v2/${repository}/manifests/${tag}`, {
    what: `manifest ${repository}:${tag}`,
    headers: { Accept: OCI_IMAGE_MANIFEST_MEDIA_TYPE },
    accept: [404],
  });
  if (response.status !== 200) return undefined;
  const header = response.headers['docker-content-digest'];
  const digest = (Array.isArray(header) ? header[0] : header) ?? sha256Digest(response.body);
  return { digest, bytes: response.body };
}

/** Whether two image manifests name the same config and the same layers in the same order. */
export function sameContent(existing: Buffer, ours: Buffer): boolean {
  let a: ManifestContent;
  let b: ManifestContent;
  try {
    a = JSON.parse(existing.toString('utf8')) as ManifestContent;
    b = JSON.parse(ours.toString('utf8')) as ManifestContent;
  } catch {
    return false;
  }
  const key = (d: Descriptor | undefined): string => `${d?.mediaType}|${d?.digest}|${d?.size}`;
  const layers = (m: ManifestContent): string => (m.layers ?? []).map(key).join(',');
  return a.config?.digest !== undefined && key(a.config) === key(b.config) && layers(a) === layers(b);
}
