// Seeds an API server (the simulator, through its own write path) with what the cluster explorer
// shows: nodes with Spin shim labels, a Spin RuntimeClass, an executor, SpinApps with status and
// their Deployment, Service, Pods and Warning events, written as spin-operator and the kubelet would.
import type { Simulator, KubeObject } from './k8s-sim/index';

export type SeedAppState = 'ready' | 'progressing' | 'crashloop' | 'stalled';

export interface SeedApp {
  readonly name: string;
  readonly namespace?: string;
  readonly replicas?: number;
  readonly state?: SeedAppState;
  readonly node?: string;
  readonly executor?: string;
}

const G = 'core.spinkube.dev/v1alpha1';
const cond = (type: string, status: string, reason: string, message = '') => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: new Date().toISOString(),
  lastUpdateTime: new Date().toISOString(),
});

export function setStatus(sim: Simulator, obj: KubeObject, status: unknown): KubeObject {
  const type = sim.typeOf(String(obj.apiVersion), String(obj.kind));
  return sim.server.ops.patch(
    type,
    obj.metadata.namespace ?? '',
    obj.metadata.name ?? '',
    'merge',
    { status },
    {
      subresource: 'status',
      fieldManager: 'seed',
    },
  );
}

function ensure(sim: Simulator, obj: KubeObject): KubeObject {
  try {
    return sim.create(obj);
  } catch (error) {
    if (String((error as Error).message).includes('already exists')) return obj;
    throw error;
  }
}

export function seedNode(
  sim: Simulator,
  name: string,
  labels: Record<string, string>,
  ready = true,
): KubeObject {
  const node = ensure(sim, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
  return setStatus(sim, node, {
    conditions: [cond('Ready', ready ? 'True' : 'False', ready ? 'KubeletReady' : 'KubeletNotReady')],
    nodeInfo: { kubeletVersion: 'v1.31.4', containerRuntimeVersion: 'containerd://1.7.22' },
    capacity: { pods: '110', cpu: '4' },
    allocatable: { pods: '110', cpu: '4' },
  });
}

export function seedSpinKubeBasics(sim: Simulator, namespace = 'default'): void {
  ensure(sim, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  ensure(sim, {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'wasmtime-spin-v2' },
    handler: 'spin-v2',
    scheduling: { nodeSelector: { spin: 'true' } },
  } as KubeObject);
  ensure(sim, {
    apiVersion: G,
    kind: 'SpinAppExecutor',
    metadata: { name: 'containerd-shim-spin', namespace },
    spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
  });
}

export function seedApp(sim: Simulator, app: SeedApp): { app: KubeObject; pods: KubeObject[] } {
  const namespace = app.namespace ?? 'default';
  const replicas = app.replicas ?? 1;
  const state = app.state ?? 'ready';
  const labels = { 'core.spinkube.dev/app-name': app.name };
  const executor = app.executor ?? 'containerd-shim-spin';
  const missingExecutor = executor !== 'containerd-shim-spin';
  if (missingExecutor) {
    // the admission webhook only admits an app whose executor exists: create it, then take it away
    ensure(sim, {
      apiVersion: G,
      kind: 'SpinAppExecutor',
      metadata: { name: executor, namespace },
      spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
    });
  }
  const created = sim.create({
    apiVersion: G,
    kind: 'SpinApp',
    metadata: { name: app.name, namespace },
    spec: { image: `ghcr.io/example/${app.name}:v1`, executor, replicas },
  });
  if (missingExecutor) sim.server.ops.delete(sim.typeOf(G, 'SpinAppExecutor'), namespace, executor);
  const owner = [
    { apiVersion: G, kind: 'SpinApp', name: app.name, uid: created.metadata.uid ?? '', controller: true },
  ];
  const readyCount = state === 'ready' ? replicas : state === 'progressing' ? Math.max(0, replicas - 1) : 0;
  const deployment = sim.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace, labels, ownerReferences: owner },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          runtimeClassName: 'wasmtime-spin-v2',
          containers: [{ name: app.name, image: `ghcr.io/example/${app.name}:v1` }],
        },
      },
    },
  });
  setStatus(sim, deployment, { replicas, readyReplicas: readyCount, availableReplicas: readyCount });
  sim.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, namespace, labels, ownerReferences: owner },
    spec: {
      type: 'ClusterIP',
      ports: [{ port: 80, targetPort: 'http-app', protocol: 'TCP' }],
      selector: labels,
    },
  });
  const pods: KubeObject[] = [];
  for (let i = 0; i < replicas; i++) {
    const pod = sim.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${app.name}-7d9f-${i}`, namespace, labels },
      spec: {
        nodeName: app.node ?? 'spin-node-1',
        containers: [{ name: app.name, image: `ghcr.io/example/${app.name}:v1` }],
      },
    });
    const isReady = i < readyCount;
    const waiting =
      state === 'crashloop'
        ? { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' }
        : undefined;
    pods.push(
      setStatus(sim, pod, {
        phase: isReady || state === 'crashloop' ? 'Running' : 'Pending',
        podIP: `10.42.0.${i + 10}`,
        containerStatuses: [
          {
            name: app.name,
            ready: isReady,
            restartCount: state === 'crashloop' ? 4 : 0,
            state: waiting
              ? { waiting }
              : isReady
                ? { running: { startedAt: new Date().toISOString() } }
                : { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      }),
    );
  }
  const conditions =
    state === 'ready'
      ? [
          cond('Available', 'True', 'MinimumReplicasAvailable'),
          cond('Progressing', 'True', 'NewReplicaSetAvailable'),
        ]
      : state === 'stalled'
        ? [
            cond(
              'Available',
              'False',
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
            ),
            cond(
              'Progressing',
              'False',
              'ProgressDeadlineExceeded',
              `ReplicaSet "${app.name}-7d9f" has timed out progressing.`,
            ),
          ]
        : [
            cond('Available', 'False', 'MinimumReplicasUnavailable'),
            cond('Progressing', 'True', 'ReplicaSetUpdated'),
          ];
  const withStatus = setStatus(sim, created, {
    readyReplicas: readyCount,
    activeScheduler: 'containerd-shim-spin',
    conditions,
  });
  if (state === 'crashloop') {
    sim.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${app.name}-7d9f-0.backoff`, namespace },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      count: 4,
      lastTimestamp: new Date().toISOString(),
      involvedObject: { kind: 'Pod', name: `${app.name}-7d9f-0`, namespace },
    } as KubeObject);
  }
  return { app: withStatus, pods };
}

export function seedOperator(sim: Simulator, ready = true): void {
  ensure(sim, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'spin-operator' } });
  const labels = { 'app.kubernetes.io/name': 'spin-operator', 'app.kubernetes.io/version': 'v0.6.1' };
  const d = sim.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'spin-operator-controller-manager', namespace: 'spin-operator', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'manager', image: 'ghcr.io/spinframework/spin-operator:v0.6.1' }] },
      },
    },
  });
  setStatus(sim, d, { replicas: 1, readyReplicas: ready ? 1 : 0 });
}
