// The simulated SpinKube operator plus the cluster parts a bare API server lacks (Deployment and
// ReplicaSet controllers, scheduler, kubelet), as ordinary client-side controllers: everything goes
// through @kubernetes/client-node over HTTP, so it runs against the simulator or a real cluster.
import { KubeConfig } from '@kubernetes/client-node';
import { DeploymentController } from './deploymentController.js';
import { EventRecorder } from './eventRecorder.js';
import type { FailureMode, FailureSpec } from './failurePlan.js';
import { FailurePlan } from './failurePlan.js';
import { ImagePullCheck } from './imagePull.js';
import { KubeClient } from './kubeClient.js';
import { Kubelet } from './kubelet.js';
import { NamespaceController } from './namespaceController.js';
import { OwnerCollector } from './ownerCollector.js';
import { ReplicaSetController } from './replicaSetController.js';
import { Scheduler } from './scheduler.js';
import type { CacheName } from './sharedCaches.js';
import { SharedCaches } from './sharedCaches.js';
import { SpinAppController } from './spinAppController.js';

export type { FailureMode, FailureSpec } from './failurePlan.js';
export { FAILURE_ANNOTATION } from './failurePlan.js';
export { APP_NAME_LABEL } from './spinAppResources.js';

export interface SimOperatorOptions {
  /** Kubeconfig file of the cluster to run against. */
  kubeconfigPath?: string;
  /** Or a loaded KubeConfig. */
  kubeConfig?: KubeConfig;
  /** SpinApp API (default core.spinkube.dev/v1alpha1; legacy core.spinoperator.dev/v1alpha1). */
  spinGroupVersion?: string;
  /**
   * Also act as kube-controller-manager (Deployments, ReplicaSets), scheduler and kubelet
   * (default true). Switch off on a real cluster, whose own components do that.
   */
  simulateCluster?: boolean;
  /** Real milliseconds per simulated second (default 50: a 10 s back-off takes half a second). */
  secondMs?: number;
  /** Override of the Deployment progress deadline. */
  progressDeadlineMs?: number;
  /**
   * The cluster is a bare API server (envtest): also run the garbage collector, the namespace
   * controller and the service account controller as clients.
   */
  bareApiServer?: boolean;
  /** Act on a SpinApp change only this long after seeing it (default 0; Infinity: never). */
  spinAppDelayMs?: number;
  /**
   * Registries (host:port, plain HTTP) the simulated kubelet really pulls from: a pod whose image
   * on one of them is missing fails with ErrImagePull and the registry's answer. Images on other
   * registries are not checked.
   */
  pullFrom?: readonly string[];
}

export interface SimOperator {
  /** Make an app fail on purpose (or heal it with `undefined`). */
  setFailure(namespace: string, app: string, failure: FailureSpec | FailureMode | undefined): void;
  /**
   * Make spin-operator act on each SpinApp change only `ms` after seeing it (Infinity: not at
   * all, as when it is not running; 0: at once again). The cluster parts keep running.
   */
  setSpinAppDelay(ms: number): void;
  stop(): Promise<void>;
}

export async function startSimOperator(options: SimOperatorOptions): Promise<SimOperator> {
  let kc = options.kubeConfig;
  if (!kc) {
    if (!options.kubeconfigPath) throw new Error('startSimOperator needs kubeconfigPath or kubeConfig');
    kc = new KubeConfig();
    kc.loadFromFile(options.kubeconfigPath);
  }
  const client = new KubeClient(kc);
  const gv = options.spinGroupVersion ?? 'core.spinkube.dev/v1alpha1';
  const simulate = options.simulateCluster ?? true;
  const secondMs = options.secondMs ?? 50;
  const names: CacheName[] = simulate
    ? ['spinapps', 'executors', 'deployments', 'replicasets', 'pods', 'nodes', 'runtimeclasses']
    : ['spinapps', 'executors', 'deployments'];
  if (options.bareApiServer) names.push('services', 'namespaces');
  const caches = new SharedCaches(client, gv, names);
  const events = new EventRecorder(client);
  const pulls = options.pullFrom?.length ? new ImagePullCheck(options.pullFrom) : undefined;
  const failures = new FailurePlan(caches, pulls);
  const spinApps = new SpinAppController(client, caches, events, gv);
  if (options.spinAppDelayMs) spinApps.setDelay(options.spinAppDelayMs);
  const stoppers: { stop(): void }[] = [spinApps];
  if (simulate) {
    stoppers.push(new ReplicaSetController(client, caches, events));
    stoppers.push(
      new DeploymentController(client, caches, events, {
        secondMs,
        progressDeadlineMs: options.progressDeadlineMs,
      }),
    );
    stoppers.push(new Scheduler(client, caches, events, failures, 20 * secondMs));
    // The kubelet of the nodes the cluster has (a pod bound to a node without one stays as it is).
    stoppers.push(
      new Kubelet(
        client,
        caches,
        events,
        failures,
        secondMs,
        (node) => caches.get('nodes', '', node) !== undefined,
      ),
    );
  }
  if (options.bareApiServer) {
    stoppers.push(new OwnerCollector(client, caches));
    stoppers.push(new NamespaceController(client, caches, 2 * secondMs));
  }
  await caches.start();
  return {
    setFailure: (namespace, app, failure) => failures.set(namespace, app, failure),
    setSpinAppDelay: (ms) => spinApps.setDelay(ms),
    stop: async () => {
      for (const s of stoppers) s.stop();
      caches.stop();
    },
  };
}
