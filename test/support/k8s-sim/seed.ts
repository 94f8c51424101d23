// Seeds for the simulator: a SpinKube installation, the demo apps in several states, and many apps
// written straight into the store for benchmarks.
import { randomUUID } from 'node:crypto';
import type { Simulator } from './index.js';
import {
  SHIM_EXECUTOR,
  node,
  platformDeployments,
  runtimeClass,
  shimExecutor,
  spinApp,
} from './seedObjects.js';
import type { KubeObject } from './types.js';

const HELLO_IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.17.0';

/** Nodes (2 Spin-capable, 1 not), the RuntimeClass, the shim executor, cert-manager and spin-operator. */
export function seedSpinKube(sim: Simulator, namespaces: readonly string[] = ['default']): void {
  sim.create(node('spinkube-worker', 1, true));
  sim.create(node('spinkube-worker2', 2, true));
  sim.create(node('spinkube-control-plane', 0, false));
  sim.create(runtimeClass());
  for (const ns of ['cert-manager', 'spin-operator', ...namespaces]) {
    if (!sim.server.store.get('/namespaces', '', ns)) {
      sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
  }
  for (const d of platformDeployments()) sim.create(d);
  for (const ns of namespaces) sim.create(shimExecutor(ns));
}

export const DEMO_APPS = {
  ready: 'hello-spin',
  progressing: 'slow-starter',
  imagePull: 'missing-image',
  crashLoop: 'crashy',
  missingExecutor: 'orphaned',
  otherNamespace: 'cart',
} as const;

/** The demo: SpinKube plus apps that are ready, progressing, failing to pull, crash looping and without executor. */
export function seedDemo(sim: Simulator): void {
  seedSpinKube(sim, ['default', 'shop']);
  sim.create(spinApp('default', DEMO_APPS.ready, HELLO_IMAGE, { replicas: 2 }));
  sim.create(
    spinApp('default', DEMO_APPS.progressing, HELLO_IMAGE, {
      annotations: { 'sim.spinkube.dev/failure': 'slow-start' },
    }),
  );
  sim.create(
    spinApp('default', DEMO_APPS.imagePull, 'ghcr.io/spinkube-demo/does-not-exist:v1', {
      annotations: { 'sim.spinkube.dev/failure': 'image-pull' },
    }),
  );
  sim.create(
    spinApp('default', DEMO_APPS.crashLoop, 'ghcr.io/spinkube-demo/crashy:v2', {
      annotations: { 'sim.spinkube.dev/failure': 'crash-loop' },
    }),
  );
  sim.create(spinApp('shop', DEMO_APPS.otherNamespace, 'ghcr.io/spinkube-demo/cart:v1.2.0', { replicas: 3 }));
  // An app whose executor is gone: the webhook would refuse it today, so it predates the check.
  sim.server.ops.admission.setEnabled('vspinapp.kb.io', false);
  try {
    sim.create(spinApp('default', DEMO_APPS.missingExecutor, HELLO_IMAGE, { executor: 'wasmtime-v1' }));
  } finally {
    sim.server.ops.admission.setEnabled('vspinapp.kb.io', true);
  }
}

function time(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * Writes `n` ready SpinApps with one running pod each straight into the store (no history, no
 * admission), spread over `nodes` Spin-capable nodes and over namespaces of 1,000 apps.
 */
export function seedManyApps(sim: Simulator, n: number, nodes = 3): void {
  const store = sim.server.store;
  const t = time();
  for (let i = 0; i < nodes; i++) {
    const nodeName = `bench-node-${i}`;
    if (!store.get('/nodes', '', nodeName)) {
      store.put(
        '/nodes',
        '',
        nodeName,
        {
          ...node(nodeName, i + 10, true),
          metadata: { ...node(nodeName, i + 10, true).metadata, uid: randomUUID(), creationTimestamp: t },
        },
        { record: false },
      );
    }
  }
  for (let i = 0; i < n; i++) {
    const ns = `bench-${Math.floor(i / 1000)}`;
    if (!store.get('/namespaces', '', ns)) {
      store.put(
        '/namespaces',
        '',
        ns,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: ns,
            uid: randomUUID(),
            creationTimestamp: t,
            labels: { 'kubernetes.io/metadata.name': ns },
          },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        },
        { record: false },
      );
      const ex = shimExecutor(ns);
      ex.metadata = { ...ex.metadata, uid: randomUUID(), creationTimestamp: t, generation: 1 };
      store.put('core.spinkube.dev/spinappexecutors', ns, SHIM_EXECUTOR, ex, { record: false });
    }
    const name = `app-${String(i).padStart(5, '0')}`;
    const uid = randomUUID();
    const app: KubeObject = {
      ...spinApp(ns, name, `registry.example.com/bench/${name}:v1`),
      status: {
        activeScheduler: SHIM_EXECUTOR,
        readyReplicas: 1,
        deploymentName: name,
        serviceName: name,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastTransitionTime: t,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${name}-5d8f7c9b4" has successfully progressed.`,
            lastTransitionTime: t,
          },
        ],
      },
    };
    app.metadata = { ...app.metadata, uid, creationTimestamp: t, generation: 1 };
    store.put('core.spinkube.dev/spinapps', ns, name, app, { record: false });
    const podName = `${name}-5d8f7c9b4-${String(i % 100000).padStart(5, 'x')}`;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: ns,
        uid: randomUUID(),
        creationTimestamp: t,
        labels: {
          'core.spinkube.dev/app-name': name,
          [`core.spinkube.dev/app.${name}.status`]: 'ready',
          'pod-template-hash': '5d8f7c9b4',
        },
      },
      spec: {
        nodeName: `bench-node-${i % nodes}`,
        runtimeClassName: 'wasmtime-spin-v2',
        containers: [{ name, image: `registry.example.com/bench/${name}:v1`, command: ['/'] }],
      },
      status: {
        phase: 'Running',
        podIP: `10.244.${i % 250}.${Math.floor(i / 250) % 250}`,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }],
        containerStatuses: [
          {
            name,
            ready: true,
            started: true,
            restartCount: 0,
            image: `registry.example.com/bench/${name}:v1`,
            imageID: '',
            state: { running: { startedAt: t } },
          },
        ],
      },
    };
    store.put('/pods', ns, podName, pod, { record: false });
  }
}
