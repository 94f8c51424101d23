// Whether what runs matches what a SpinApp asks for. spin-operator turns a SpinApp into a
// Deployment (SPEC §1c.5): the app's image (the container's image, or the `-f` argument of a
// spintainer's `spin up`), its replicas, and its variables as `SPIN_VARIABLE_<NAME>` environment
// variables. A Deployment or pod that differs in these is one the operator has not updated yet, or
// one of the previous rollout: the app is not ready while they run, whatever its status says.
//   deploymentRealisesApp(deployment, app)   podRunsApp(pod, app)   podRunsTemplate(pod, deployment)
//   isTerminating(pod) — a pod with a deletionTimestamp (kubectl shows it as `Terminating`)

export const VARIABLE_ENV_PREFIX = 'SPIN_VARIABLE_';

interface EnvVar {
  readonly name?: string;
  readonly value?: string;
  readonly valueFrom?: unknown;
}

interface ContainerLike {
  readonly name?: string;
  readonly image?: string;
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
}

interface AppLike {
  readonly spec?: {
    readonly image?: string;
    readonly replicas?: number;
    readonly enableAutoscaling?: boolean;
    readonly podAnnotations?: Readonly<Record<string, string>>;
    readonly podLabels?: Readonly<Record<string, string>>;
    readonly serviceAccountName?: string;
    readonly variables?: readonly {
      readonly name?: string;
      readonly value?: string;
      readonly valueFrom?: unknown;
    }[];
  };
}

interface DeploymentLike {
  readonly spec?: {
    readonly replicas?: number;
    readonly template?: {
      readonly metadata?: {
        readonly annotations?: Readonly<Record<string, string>>;
        readonly labels?: Readonly<Record<string, string>>;
      };
      readonly spec?: {
        readonly containers?: readonly ContainerLike[];
        readonly serviceAccountName?: string;
      };
    };
  };
}

interface PodLike {
  readonly metadata?: { readonly deletionTimestamp?: string };
  readonly spec?: { readonly containers?: readonly ContainerLike[] };
}

/** The environment variable spin-operator gives a SpinApp variable. */
export function variableEnvName(name: string): string {
  return `${VARIABLE_ENV_PREFIX}${name.toUpperCase()}`;
}

/** A pod being deleted: it still runs, but it is on its way out and never counts as ready. */
export function isTerminating(pod: PodLike): boolean {
  return Boolean(pod.metadata?.deletionTimestamp);
}

/** Whether the containers run the app's image: as their image (shim executor) or `spin up -f` argument. */
export function runsImage(containers: readonly ContainerLike[], image: string | undefined): boolean {
  return !image || containers.some((c) => c.image === image || (c.args ?? []).includes(image));
}

/** Whether the containers carry exactly the app's variables (values, or references to Secrets/ConfigMaps). */
function carriesVariables(containers: readonly ContainerLike[], app: AppLike): boolean {
  const present = new Map<string, EnvVar>();
  for (const c of containers) {
    for (const e of c.env ?? []) if (e.name?.startsWith(VARIABLE_ENV_PREFIX)) present.set(e.name, e);
  }
  const wanted = (app.spec?.variables ?? []).filter((v) => v.name);
  if (present.size !== new Set(wanted.map((v) => variableEnvName(v.name ?? ''))).size) return false;
  return wanted.every((v) => {
    const env = present.get(variableEnvName(v.name ?? ''));
    if (!env) return false;
    return v.valueFrom !== undefined ? env.valueFrom !== undefined : (env.value ?? '') === (v.value ?? '');
  });
}

/** Whether the containers run what the app asks for (image and variables). */
export function containersRunApp(containers: readonly ContainerLike[], app: AppLike): boolean {
  return runsImage(containers, app.spec?.image) && carriesVariables(containers, app);
}

/** Whether every entry of `wanted` is in `actual` with the same value. */
function includesAll(
  actual: Readonly<Record<string, string>> | undefined,
  wanted: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => actual?.[key] === value);
}

/** Whether the Deployment's pod template and replicas are what the SpinApp asks for. */
export function deploymentRealisesApp(deployment: DeploymentLike, app: AppLike): boolean {
  const template = deployment.spec?.template;
  const containers = template?.spec?.containers ?? [];
  if (!containersRunApp(containers, app)) return false;
  if (!includesAll(template?.metadata?.annotations, app.spec?.podAnnotations)) return false;
  if (!includesAll(template?.metadata?.labels, app.spec?.podLabels)) return false;
  const account = app.spec?.serviceAccountName;
  if (account && template?.spec?.serviceAccountName !== account) return false;
  if (app.spec?.enableAutoscaling) return true;
  return (deployment.spec?.replicas ?? 1) === (app.spec?.replicas ?? 1);
}

/** Whether a pod runs what the app asks for; a pod whose containers are not known is taken to. */
export function podRunsApp(pod: PodLike, app: AppLike): boolean {
  const containers = pod.spec?.containers;
  return !containers || containersRunApp(containers, app);
}

/**
 * Whether a pod was made from the Deployment's current pod template (and not from an older
 * ReplicaSet's): each template container is in the pod with the same image and the same values.
 */
export function podRunsTemplate(pod: PodLike, deployment: DeploymentLike): boolean {
  const template = deployment.spec?.template?.spec?.containers;
  const containers = pod.spec?.containers;
  if (!template || !containers) return true;
  return template.every((wanted) => {
    const actual = containers.find((c) => c.name === wanted.name);
    if (!actual || actual.image !== wanted.image) return false;
    const values = new Map((actual.env ?? []).map((e) => [e.name, e.value]));
    return (wanted.env ?? []).every((e) => e.valueFrom !== undefined || values.get(e.name) === e.value);
  });
}
