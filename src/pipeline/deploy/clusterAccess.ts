// What the deploy steps need from a cluster connection: the cluster layer's session (HTTP
// transport, shared watch caches). Kept as a narrow type so tests and the CLI pass a session.
import type { ClusterSession } from '../../cluster/session';

export type DeployCluster = Pick<
  ClusterSession,
  'transport' | 'defaultNamespace' | 'acquire' | 'spinKubeGroup'
>;
