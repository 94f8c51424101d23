// Messages between the VS Code client and our language server beyond standard LSP. Shared by
// both sides (the client imports only types and method names from here).
import type { ClusterFacts } from '../language/types';

/** Client → server: the connected cluster's facts changed (undefined params: disconnected). */
export const ClusterFactsNotification = 'spinkube/clusterFacts';
export interface ClusterFactsParams {
  readonly facts: ClusterFacts | null;
}

/** Client → server request: validate every manifest in the workspace; returns how many files. */
export const CheckWorkspaceRequest = 'spinkube/checkWorkspace';
export interface CheckWorkspaceResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}
