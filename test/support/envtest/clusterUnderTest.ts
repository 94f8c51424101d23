// Which cluster the cluster-tier tests that can run anywhere use:
//  - none named: the sandbox (API simulator with its operator and kubelet);
//  - SPINKUBE_TEST_KUBECONFIG naming a full cluster (nodes, controllers, SpinKube installed): that
//    cluster as it is;
//  - SPINKUBE_TEST_KUBECONFIG naming a bare API server (envtest; SPINKUBE_TEST_ENVTEST=1, or
//    detected: a server without Nodes): envtest mode, see envtestCluster.ts.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { startSandbox } from '../sandbox.js';
import { startEnvtestCluster } from './envtestCluster.js';

export const testKubeconfig: string | undefined = process.env.SPINKUBE_TEST_KUBECONFIG || undefined;

export function loadTestKubeConfig(path: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

/** Whether the server is a bare API server: said so (SPINKUBE_TEST_ENVTEST=1), or it has no Nodes. */
export async function isBareApiServer(kc: k8s.KubeConfig): Promise<boolean> {
  const said = process.env.SPINKUBE_TEST_ENVTEST;
  if (said === '1' || said === 'true') return true;
  if (said === '0' || said === 'false') return false;
  const nodes = await kc.makeApiClient(k8s.CoreV1Api).listNode({ limit: 1 });
  return nodes.items.length === 0;
}

/** A cluster for tests that must pass on the simulator and on a real API server alike. */
export interface TestCluster {
  readonly kubeConfig: k8s.KubeConfig;
  /** A fresh namespace of this run (removed by `stop`). */
  readonly namespace: string;
  /** A Node a kubelet runs pods on. */
  readonly nodeName: string;
  stop(): Promise<void>;
}

/**
 * The sandbox (simulator, operator, kubelet), the full cluster of SPINKUBE_TEST_KUBECONFIG, or that
 * bare API server made a SpinKube cluster (envtest mode).
 */
export async function startTestCluster(): Promise<TestCluster> {
  const namespace = `api-test-${randomBytes(3).toString('hex')}`;
  let stopCluster = async (): Promise<void> => undefined;
  let kc: k8s.KubeConfig;
  if (testKubeconfig) {
    kc = loadTestKubeConfig(testKubeconfig);
    if (await isBareApiServer(kc)) {
      const envtest = await startEnvtestCluster(kc, { namespaces: [] });
      stopCluster = () => envtest.stop();
    }
  } else {
    const sandbox = await startSandbox({ seed: 'empty', secondMs: 10 });
    kc = loadTestKubeConfig(sandbox.kubeconfigPath);
    stopCluster = () => sandbox.stop();
  }
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  // Pods need the namespace's default ServiceAccount (a real server refuses them without it).
  for (let i = 0; i < 100; i++) {
    const accounts = await core.listNamespacedServiceAccount({ namespace });
    if (accounts.items.some((a) => a.metadata?.name === 'default')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const nodes = (await core.listNode()).items.filter((n) =>
    (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  return {
    kubeConfig: kc,
    namespace,
    nodeName: nodes[0]?.metadata?.name ?? '',
    stop: async () => {
      try {
        await core.deleteNamespace({ name: namespace });
        for (let i = 0; i < 300; i++) {
          if (!(await core.listNamespace()).items.some((n) => n.metadata?.name === namespace)) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await stopCluster();
      }
    },
  };
}
