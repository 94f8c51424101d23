// Where the operator tests run: the simulator (default), or the real cluster named by
// SPINKUBE_TEST_KUBECONFIG. Either way the simulated operator runs as a client of that cluster;
// on a real cluster its own scheduler, controllers and kubelets do the rest, on a bare API server
// (envtest mode) the simulated ones of the envtest harness.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import type { Simulator } from './index.js';
import { startSimulator } from './index.js';
import type { SimOperator } from './operator/index.js';
import { startSimOperator } from './operator/index.js';
import { seedSpinKube } from './seed.js';
import { readCrds } from './sharedReference.js';
import { waitFor } from '../waitFor.js';
import { isBareApiServer } from '../envtest/clusterUnderTest.js';
import { startEnvtestCluster, type EnvtestCluster } from '../envtest/envtestCluster.js';

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
  /** Switches one of spin-operator's webhooks off or back on (simulator and envtest mode). */
  setWebhookEnabled(name: string, enabled: boolean): void;
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
  const envtest: EnvtestCluster | undefined =
    realKubeconfig && (await isBareApiServer(kc))
      ? await startEnvtestCluster(kc, { namespaces: [] })
      : undefined;
  if (realKubeconfig && !envtest) await ensureCrds(kc);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  const operator =
    envtest?.operator ??
    (await startSimOperator({ kubeConfig: kc, simulateCluster: !realKubeconfig, secondMs: 10 }));
  return {
    kubeconfigPath,
    kubeConfig: kc,
    namespace,
    runtimeClass: process.env.SPINKUBE_TEST_RUNTIME_CLASS ?? 'wasmtime-spin-v2',
    sim,
    operator,
    setWebhookEnabled: (name, on) => {
      sim?.server.ops.admission.setEnabled(name, on);
      envtest?.setWebhookEnabled(name, on);
    },
    stop: async () => {
      if (!envtest) await operator.stop();
      try {
        await core.deleteNamespace({ name: namespace });
      } catch {
        // already gone
      }
      if (envtest) {
        // The harness's controllers and kubelet empty the namespace; then it removes the rest.
        const gone = async () =>
          !(await core.listNamespace()).items.some((n) => n.metadata?.name === namespace);
        await waitFor(`namespace ${namespace} to be gone`, gone, 30_000).catch(() => undefined);
        await envtest.stop();
      }
      await sim?.stop();
    },
  };
}
