// The cluster the deploy tests run against: the sandbox (simulated API server + operator +
// kubelet), or the cluster of SPINKUBE_TEST_KUBECONFIG when set (then the failure-mode tests that
// need the simulated kubelet are not registered). A bare API server there is made a SpinKube
// cluster for the file's run (envtest mode, test/support/envtest).
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { isBareApiServer, loadTestKubeConfig, testKubeconfig } from '../support/envtest/clusterUnderTest';
import { startEnvtestCluster, type EnvtestCluster } from '../support/envtest/envtestCluster';
import { startSandbox, type Sandbox } from '../support/sandbox';

export interface DeployTarget {
  readonly session: ClusterSession;
  readonly kubeconfigPath: string;
  /** Present when running against the sandbox. */
  readonly sandbox?: Sandbox;
  stop(): Promise<void>;
}

export const realClusterKubeconfig = testKubeconfig;

export async function startDeployTarget(): Promise<DeployTarget> {
  const sandbox = realClusterKubeconfig ? undefined : await startSandbox({ seed: 'empty', secondMs: 10 });
  let envtest: EnvtestCluster | undefined;
  if (realClusterKubeconfig) {
    const kc = loadTestKubeConfig(realClusterKubeconfig);
    if (await isBareApiServer(kc)) envtest = await startEnvtestCluster(kc, { namespaces: ['default'] });
  }
  const kubeconfigPath = realClusterKubeconfig ?? sandbox?.kubeconfigPath ?? '';
  const loaded = loadKubeconfig({ setting: kubeconfigPath });
  if (!loaded.ok) throw new Error(loaded.message);
  const session = new ClusterSession(loaded.kubeConfig);
  return {
    session,
    kubeconfigPath,
    ...(sandbox && { sandbox }),
    stop: async () => {
      session.dispose();
      await envtest?.stop();
      await sandbox?.stop();
    },
  };
}
