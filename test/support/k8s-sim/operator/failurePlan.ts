// Failure modes the simulated kubelet and scheduler act out, per app: chosen programmatically
// (`failures.set(namespace, app, mode)`) or by an annotation on the SpinApp (or on the pod):
//   sim.spinkube.dev/failure: image-pull | crash-loop | unschedulable | slow-start
//   sim.spinkube.dev/ready-after-seconds: <simulated seconds>          (slow-start, default 3600)
//   sim.spinkube.dev/registry-answer: <what the registry said>      (image-pull)
//   sim.spinkube.dev/crash-log: <last log lines, \n separated>        (crash-loop)
import type { KubeObject } from '../types.js';
import type { ImagePullCheck } from './imagePull.js';
import type { SharedCaches } from './sharedCaches.js';
import { APP_NAME_LABEL } from './spinAppResources.js';

export type FailureMode = 'image-pull' | 'crash-loop' | 'unschedulable' | 'slow-start';

export interface FailureSpec {
  mode: FailureMode;
  registryAnswer?: string;
  crashLog?: string;
  readyAfterSeconds?: number;
}

export const FAILURE_ANNOTATION = 'sim.spinkube.dev/failure';
const MODES: readonly FailureMode[] = ['image-pull', 'crash-loop', 'unschedulable', 'slow-start'];

export function defaultRegistryAnswer(image: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}

function unresolvableAnswer(image: string): string {
  const host = image.slice(0, image.indexOf('/'));
  const rest = image.slice(image.indexOf('/') + 1);
  const at = rest.lastIndexOf(':');
  const [repo, tag] = at > 0 ? [rest.slice(0, at), rest.slice(at + 1)] : [rest, 'latest'];
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://${host}/v2/${repo}/manifests/${tag}": dial tcp: lookup ${host}: no such host`;
}

export const DEFAULT_CRASH_LOG = [
  'Error: failed to instantiate component: Couldn\'t find an export named "wasi:http/incoming-handler@0.2.0#handle"',
  '',
  'Caused by:',
  '    no such export',
].join('\n');

export class FailurePlan {
  private readonly byApp = new Map<string, FailureSpec>();

  constructor(
    private readonly caches: SharedCaches,
    /** Real pulls from the sandbox's registry (imagePull.ts), when it has one. */
    private readonly pulls?: ImagePullCheck,
  ) {}

  /** Why the pod's images cannot be pulled from the sandbox's registry (`ask` false: the last answer). */
  async pullFailure(pod: KubeObject, ask: boolean): Promise<FailureSpec | undefined> {
    if (!this.pulls) return undefined;
    const images = ((pod.spec?.containers as { image?: string }[] | undefined) ?? []).map(
      (c) => c.image ?? '',
    );
    return this.pulls.failureForImages(images, ask);
  }

  set(namespace: string, app: string, spec: FailureSpec | FailureMode | undefined): void {
    if (spec === undefined) this.byApp.delete(`${namespace}/${app}`);
    else this.byApp.set(`${namespace}/${app}`, typeof spec === 'string' ? { mode: spec } : spec);
  }

  /** The failure a pod should act out, if any. */
  forPod(pod: KubeObject): FailureSpec | undefined {
    const planned = this.planned(pod);
    if (planned) return planned;
    // Registries under the reserved .invalid TLD never resolve, in the simulator as in a real cluster.
    const images = ((pod.spec?.containers as { image?: string }[] | undefined) ?? []).map(
      (c) => c.image ?? '',
    );
    const unresolvable = images.find((i) => /^[^/]+\.invalid(:\d+)?\//.test(i));
    if (unresolvable) return { mode: 'image-pull', registryAnswer: unresolvableAnswer(unresolvable) };
    return undefined;
  }

  private planned(pod: KubeObject): FailureSpec | undefined {
    const ns = pod.metadata.namespace ?? '';
    const app = pod.metadata.labels?.[APP_NAME_LABEL];
    if (app) {
      const programmatic = this.byApp.get(`${ns}/${app}`);
      if (programmatic) return programmatic;
      const spinApp = this.caches.get('spinapps', ns, app);
      const fromApp = spinApp && fromAnnotations(spinApp.metadata.annotations);
      if (fromApp) return fromApp;
    }
    return fromAnnotations(pod.metadata.annotations);
  }
}

function fromAnnotations(annotations: Record<string, string> | undefined): FailureSpec | undefined {
  const mode = annotations?.[FAILURE_ANNOTATION] as FailureMode | undefined;
  if (!mode || !MODES.includes(mode)) return undefined;
  const spec: FailureSpec = { mode };
  const answer = annotations?.['sim.spinkube.dev/registry-answer'];
  const log = annotations?.['sim.spinkube.dev/crash-log'];
  if (answer) spec.registryAnswer = answer;
  if (log) spec.crashLog = log;
  const readyAfter = Number(annotations?.['sim.spinkube.dev/ready-after-seconds']);
  if (readyAfter > 0) spec.readyAfterSeconds = readyAfter;
  return spec;
}
