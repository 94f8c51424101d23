import type { LanguageFeature } from './language/feature';
import type { ClusterFeature } from './cluster/feature';
import type { PipelineFeature } from './pipeline/feature';

/**
 * What activate() returns: the extension's parts, for other extensions and for our in-host tests.
 * Reading `language`, `cluster` or `pipeline` loads that part if it has not loaded yet.
 */
export interface SpinKubeApi {
  readonly language: LanguageFeature;
  readonly cluster: ClusterFeature;
  readonly pipeline: PipelineFeature;
  /** Ids of the commands that have an implementation. */
  readonly commandIds: readonly string[];
  /** Time spent inside activate(), in milliseconds. */
  readonly activationMs: number;
}
