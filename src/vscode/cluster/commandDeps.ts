import type { BaseCommandDeps } from '../commands/deps';
import type { ClusterFeature } from './feature';

/** What the cluster explorer's commands use. */
export interface ClusterCommandDeps extends BaseCommandDeps {
  readonly cluster: ClusterFeature;
}
