import type { LanguageFeature } from './languageFeature';
import type { ClusterFeature } from '../views/clusterFeature';

/** What activate() returns: the extension's parts, for other extensions and for our in-host tests. */
export interface SpinKubeApi {
  readonly language: LanguageFeature;
  readonly cluster: ClusterFeature;
  /** Time spent inside activate(), in milliseconds. */
  readonly activationMs: number;
}
