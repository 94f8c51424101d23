// Envtest mode: a bare API server (kube-apiserver + etcd as controller-runtime's envtest runs them,
// or the simulator started with `bare: true`) made into a SpinKube cluster for one test file:
//  - SpinKube's CRDs (../shared/reference/crds) installed when missing, waited for until
//    Established and served (404/429/503 retried);
//  - what the sandbox seed has: Spin-capable Nodes (labels, status), the RuntimeClass, a
//    SpinAppExecutor per namespace, the cert-manager and spin-operator Deployments;
//  - the simulated operator, Deployment/ReplicaSet controllers, scheduler, kubelet, garbage
//    collector and namespace controller running as clients;
//  - spin-operator's validating webhooks served over HTTPS and registered with the server.
// `stop()` removes everything it created (and the SpinApps created meanwhile), also after a failed
// test. Only one simulated kubelet may run against a cluster at a time: run test files serially.
import * as k8s from '@kubernetes/client-node';
import {
  KubeClient,
  KubeRequestError,
  resourceUrl,
  type ResourcePath,
} from '../k8s-sim/operator/kubeClient.js';
import { startSimOperator, type SimOperator } from '../k8s-sim/operator/index.js';
import { node, platformDeployments, runtimeClass, shimExecutor } from '../k8s-sim/seedObjects.js';
import { readCrds } from '../k8s-sim/sharedReference.js';
import type { KubeObject } from '../k8s-sim/types.js';
import { waitFor } from '../waitFor.js';
import { SpinWebhookServer } from './webhookServer.js';

export interface EnvtestCluster {
  readonly operator: SimOperator;
  /** Switches one of spin-operator's webhooks off (it then allows everything) or back on. */
  setWebhookEnabled(name: string, enabled: boolean): void;
  stop(): Promise<void>;
}

export interface EnvtestOptions {
  /** Namespaces the tests use: created when missing, each with the shim SpinAppExecutor. */
  readonly namespaces?: readonly string[];
  /** Real milliseconds per simulated second of the operator and kubelet (default 10). */
  readonly secondMs?: number;
}

const SPIN = 'core.spinkube.dev/v1alpha1';
const RETRIED = new Set([404, 429, 503]);

function pathOf(obj: KubeObject): ResourcePath {
  const plural: Record<string, string> = {
    CustomResourceDefinition: 'customresourcedefinitions',
    Node: 'nodes',
    RuntimeClass: 'runtimeclasses',
    Namespace: 'namespaces',
    Deployment: 'deployments',
    SpinAppExecutor: 'spinappexecutors',
  };
  return {
    apiVersion: String(obj.apiVersion),
    plural: plural[String(obj.kind)]!,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name!,
  };
}

/** Retries what a fresh CRD or a starting server answers with (404, 429 + Retry-After, 503). */
async function retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
  return waitFor(
    what,
    async () => {
      try {
        return await call();
      } catch (err) {
        if (err instanceof KubeRequestError && RETRIED.has(err.code)) return undefined;
        throw err;
      }
    },
    60_000,
  );
}

class Installer {
  /** What this run created, in creation order (removed in reverse). */
  readonly created: KubeObject[] = [];

  constructor(readonly client: KubeClient) {}

  async exists(obj: KubeObject): Promise<boolean> {
    try {
      await this.client.request('GET', resourceUrl(pathOf(obj)));
      return true;
    } catch (err) {
      if (err instanceof KubeRequestError && err.code === 404) return false;
      throw err;
    }
  }

  /** A namespace left Terminating by an earlier run is waited for until it is gone. */
  private async untilNotTerminating(ns: KubeObject): Promise<void> {
    await waitFor(
      `namespace ${ns.metadata.name} to finish terminating`,
      async () => {
        try {
          const live = await this.client.request<KubeObject>('GET', resourceUrl(pathOf(ns)));
          return !live.metadata.deletionTimestamp;
        } catch (err) {
          if (err instanceof KubeRequestError && err.code === 404) return true;
          throw err;
        }
      },
      60_000,
    );
  }

  /** Creates the object unless it exists; status (Nodes) goes through the status subresource. */
  async ensure(obj: KubeObject): Promise<void> {
    if (obj.kind === 'Namespace') await this.untilNotTerminating(obj);
    if (await this.exists(obj)) return;
    const { name: _name, ...collection } = pathOf(obj);
    await retrying(`creating ${String(obj.kind)} ${obj.metadata.name}`, () =>
      this.client.create(collection, obj).catch((err: unknown) => {
        if (err instanceof KubeRequestError && err.code === 409) return obj;
        throw err;
      }),
    );
    this.created.push(obj);
    if (obj.kind === 'Node' && obj.status) {
      await this.client.mergePatch(
        { ...pathOf(obj), subresource: 'status' },
        { status: obj.status },
        'kubelet',
      );
    }
  }
}

async function installCrds(installer: Installer): Promise<void> {
  for (const crd of readCrds('main')) await installer.ensure(crd);
  for (const crd of readCrds('main')) {
    const spec = crd.spec as { group: string; names: { plural: string } };
    await waitFor(
      `CRD ${crd.metadata.name} Established`,
      async () => {
        const live = await installer.client.request<KubeObject>('GET', resourceUrl(pathOf(crd)));
        const conditions = (live.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
        return conditions.some((c) => c.type === 'Established' && c.status === 'True');
      },
      60_000,
    );
    await retrying(`${spec.names.plural}.${spec.group} served`, () =>
      installer.client.list({ apiVersion: SPIN, plural: spec.names.plural }),
    );
  }
}

async function seed(installer: Installer, namespaces: readonly string[]): Promise<void> {
  for (const n of [
    node('spinkube-worker', 1, true),
    node('spinkube-worker2', 2, true),
    node('spinkube-control-plane', 0, false),
  ]) {
    await installer.ensure(n);
  }
  await installer.ensure(runtimeClass());
  for (const ns of ['cert-manager', 'spin-operator', ...namespaces]) {
    await installer.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (const d of platformDeployments()) await installer.ensure(d);
  for (const ns of namespaces) await installer.ensure(shimExecutor(ns));
}

async function spinAppUids(client: KubeClient): Promise<Set<string>> {
  const list = await client.list({ apiVersion: SPIN, plural: 'spinapps' });
  return new Set(list.items.map((a) => a.metadata.uid!));
}

/** Deletes what the run created, waiting (bounded) for namespaces and apps to be gone. */
async function cleanUp(installer: Installer, appsBefore: Set<string>): Promise<void> {
  const client = installer.client;
  const apps = (await client.list({ apiVersion: SPIN, plural: 'spinapps' })).items.filter(
    (a) => !appsBefore.has(a.metadata.uid!),
  );
  for (const app of apps) {
    await client.delete({
      apiVersion: SPIN,
      plural: 'spinapps',
      namespace: app.metadata.namespace,
      name: app.metadata.name,
    });
  }
  const pods = async () =>
    (await client.list({ apiVersion: 'v1', plural: 'pods' })).items.filter((p) =>
      apps.some((a) => p.metadata.labels?.['core.spinkube.dev/app-name'] === a.metadata.name),
    );
  await waitFor("the test apps' pods to be gone", async () => (await pods()).length === 0, 30_000).catch(
    () => undefined,
  );
  // Namespaced objects and namespaces first, while the kubelet of the nodes still confirms the
  // deletion of their pods; then the cluster-scoped objects.
  const created = [...installer.created].reverse();
  const scoped = (o: KubeObject) => o.metadata.namespace !== undefined || o.kind === 'Namespace';
  for (const obj of created.filter(scoped)) await client.delete(pathOf(obj));
  const namespaces = installer.created.filter((o) => o.kind === 'Namespace');
  await waitFor(
    'the test namespaces to be gone',
    async () => {
      for (const ns of namespaces) if (await installer.exists(ns)) return false;
      return true;
    },
    30_000,
  ).catch(() => undefined);
  for (const obj of created.filter((o) => !scoped(o) && o.kind !== 'CustomResourceDefinition')) {
    await client.delete(pathOf(obj));
  }
  // CRDs last: deleting one deletes every object of it.
  const crds = installer.created.filter((o) => o.kind === 'CustomResourceDefinition');
  for (const crd of crds) await client.delete(pathOf(crd));
  await waitFor(
    'the CRDs to be gone',
    async () => {
      for (const crd of crds) if (await installer.exists(crd)) return false;
      return true;
    },
    30_000,
  ).catch(() => undefined);
}

export async function startEnvtestCluster(
  kc: k8s.KubeConfig,
  options: EnvtestOptions = {},
): Promise<EnvtestCluster> {
  const client = new KubeClient(kc);
  const installer = new Installer(client);
  let webhooks: SpinWebhookServer | undefined;
  let operator: SimOperator | undefined;
  let appsBefore = new Set<string>();
  const stop = async (): Promise<void> => {
    try {
      await cleanUp(installer, appsBefore);
    } finally {
      await webhooks?.stop();
      await operator?.stop();
    }
  };
  try {
    await installCrds(installer);
    appsBefore = await spinAppUids(client);
    await seed(installer, options.namespaces ?? ['default']);
    webhooks = await SpinWebhookServer.start(client, process.env.SPINKUBE_TEST_WEBHOOK_HOST);
    operator = await startSimOperator({
      kubeConfig: kc,
      simulateCluster: true,
      bareApiServer: true,
      secondMs: options.secondMs ?? 10,
    });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  const served = webhooks;
  return { operator, stop, setWebhookEnabled: (name, on) => served.setEnabled(name, on) };
}
