// Where the operator tests run: the simulator (default), or the real cluster named by
// SPINKUBE_TEST_KUBECONFIG. Either way the simulated operator runs as a client of that cluster;
// on a real cluster its own scheduler, controllers and kubelets do the rest.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import type { Simulator } from './index.js';
import { startSimulator } from './index.js';
import type { SimOperator } from './operator/index.js';
import { startSimOperator } from './operator/index.js';
import { seedSpinKube } from './seed.js';
import { readCrds } from './sharedReference.js';

export interface OperatorTarget {
  readonly kubeconfigPath: string;
  readonly kubeConfig: k8s.KubeConfig;
  /** A fresh namespace for this run. */
  readonly namespace: string;
  /** RuntimeClass of Spin-capable nodes. */
  readonly runtimeClass: string;
  /** Present on the simulator only. */
  readonly sim?: Simulator;
  readonly operator: SimOperator;
  stop(): Promise<void>;
}

async function ensureCrds(kc: k8s.KubeConfig): Promise<void> {
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  for (const crd of readCrds('main')) {
    try {
      await ext.readCustomResourceDefinition({ name: crd.metadata.name! });
    } catch {
      await ext.createCustomResourceDefinition({ body: crd as unknown as k8s.V1CustomResourceDefinition });
    }
  }
}

export async function startOperatorTarget(): Promise<OperatorTarget> {
  const realKubeconfig = process.env.SPINKUBE_TEST_KUBECONFIG;
  const namespace = `spin-test-${randomBytes(3).toString('hex')}`;
  let sim: Simulator | undefined;
  let kubeconfigPath: string;
  if (realKubeconfig) kubeconfigPath = realKubeconfig;
  else {
    sim = await startSimulator();
    seedSpinKube(sim, []);
    kubeconfigPath = sim.kubeconfigPath;
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  if (realKubeconfig) await ensureCrds(kc);
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  const operator = await startSimOperator({ kubeConfig: kc, simulateCluster: !realKubeconfig, secondMs: 10 });
  return {
    kubeconfigPath,
    kubeConfig: kc,
    namespace,
    runtimeClass: process.env.SPINKUBE_TEST_RUNTIME_CLASS ?? 'wasmtime-spin-v2',
    sim,
    operator,
    stop: async () => {
      await operator.stop();
      try {
        await kc.makeApiClient(k8s.CoreV1Api).deleteNamespace({ name: namespace });
      } catch {
        // already gone
      }
      await sim?.stop();
    },
  };
}
