// The cluster the deploy tests run against: the sandbox (simulated API server + operator +
// kubelet), or the cluster of SPINKUBE_TEST_KUBECONFIG when set (then the failure-mode tests that
// need the simulated kubelet are not registered).
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { startSandbox, type Sandbox } from '../support/sandbox';

export interface DeployTarget {
  readonly session: ClusterSession;
  readonly kubeconfigPath: string;
  /** Present when running against the sandbox. */
  readonly sandbox?: Sandbox;
  stop(): Promise<void>;
}

export const realClusterKubeconfig = process.env.SPINKUBE_TEST_KUBECONFIG;

export async function startDeployTarget(): Promise<DeployTarget> {
  const sandbox = realClusterKubeconfig ? undefined : await startSandbox({ seed: 'empty', secondMs: 10 });
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
      await sandbox?.stop();
    },
  };
}
