// Which cluster the cluster-tier tests that can run anywhere use:
//  - none named: the sandbox (API simulator with its operator and kubelet);
//  - SPINKUBE_TEST_KUBECONFIG naming a full cluster (nodes, controllers, SpinKube installed): that
//    cluster as it is;
//  - SPINKUBE_TEST_KUBECONFIG naming a bare API server (envtest; SPINKUBE_TEST_ENVTEST=1, or
//    detected: a server without Nodes): envtest mode, see envtestCluster.ts.
import * as k8s from '@kubernetes/client-node';

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
