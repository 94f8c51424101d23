// Real image pulls for the simulated kubelet: for images on the registries a sandbox names (a local
// OCI registry on 127.0.0.1), the kubelet asks that registry for the image's manifest as containerd
// would, and a pod whose image the registry does not have fails with ErrImagePull and the
// registry's own answer. Images on other registries are not checked (the demo apps' images exist
// nowhere), so tests that never push are unaffected.
import * as http from 'node:http';
import type { FailureSpec } from './failurePlan.js';

const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

interface ImageParts {
  readonly host: string;
  readonly repository: string;
  /** A tag or a digest. */
  readonly reference: string;
}

function imageParts(image: string): ImageParts | undefined {
  const slash = image.indexOf('/');
  if (slash <= 0) return undefined;
  const host = image.slice(0, slash);
  let rest = image.slice(slash + 1);
  let reference = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  return { host, repository: rest, reference };
}

/** The registry's answer to GET /v2/<repository>/manifests/<reference>: its status and error text. */
function askRegistry(parts: ImageParts): Promise<{ status: number; errors: string } | { network: string }> {
  return new Promise((resolve) => {
    const req = http.get(
      `http://${parts.host}/v2/${parts.repository}/manifests/${parts.reference}`,
      { headers: { Accept: ACCEPT }, timeout: 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, errors: registryErrors(chunks) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('i/o timeout')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ network: error.code === 'ECONNREFUSED' ? 'connect: connection refused' : error.message }),
    );
  });
}

function registryErrors(chunks: Buffer[]): string {
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      errors?: { code?: string; message?: string }[];
    };
    return (body.errors ?? []).map((e) => `${e.code ?? ''}: ${e.message ?? ''}`).join('; ');
  } catch {
    return '';
  }
}

/** Checks images of the given registries (host:port) the way a node's container runtime pulls them. */
export class ImagePullCheck {
  /** Images the registry had: a pod of them pulls without asking again. */
  private readonly present = new Set<string>();
  /** The last failed pull of each image, answered again while the kubelet reports that pull. */
  private readonly failed = new Map<string, FailureSpec>();

  constructor(private readonly registries: readonly string[]) {}

  /** Why the image cannot be pulled (containerd's words with the registry's answer), or undefined. */
  async failureFor(image: string, ask = true): Promise<FailureSpec | undefined> {
    const parts = imageParts(image);
    if (!parts || !this.registries.includes(parts.host) || this.present.has(image)) return undefined;
    if (!ask) return this.failed.get(image);
    const answer = await askRegistry(parts);
    if ('status' in answer && answer.status === 200) {
      this.present.add(image);
      this.failed.delete(image);
      return undefined;
    }
    const prefix = `failed to pull and unpack image "${image}": failed to resolve reference "${image}"`;
    let registryAnswer: string;
    if ('network' in answer) {
      const url = `http://${parts.host}/v2/${parts.repository}/manifests/${parts.reference}`;
      registryAnswer = `rpc error: code = Unknown desc = ${prefix}: failed to do request: Head "${url}": dial tcp ${parts.host}: ${answer.network}`;
    } else if (answer.status === 404) {
      const said = answer.errors ? ` (the registry answered 404 ${answer.errors})` : '';
      registryAnswer = `rpc error: code = NotFound desc = ${prefix}: ${image}: not found${said}`;
    } else {
      registryAnswer = `rpc error: code = Unknown desc = ${prefix}: unexpected status from HEAD request: ${answer.status}${answer.errors ? ` ${answer.errors}` : ''}`;
    }
    const failure: FailureSpec = { mode: 'image-pull', registryAnswer };
    this.failed.set(image, failure);
    return failure;
  }

  /**
   * The first container image of the pod that cannot be pulled; `ask` false answers from the last
   * pull (the kubelet reporting a failure it met, before its back-off).
   */
  async failureForImages(images: readonly string[], ask = true): Promise<FailureSpec | undefined> {
    for (const image of images) {
      const failure = await this.failureFor(image, ask);
      if (failure) return failure;
    }
    return undefined;
  }
}
