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

/**
 * Node options the client starts the server process with. A young generation of at most 4 MB
 * per semi-space (V8's default is 16 MB) keeps the server's memory about 40 MB lower on large
 * manifests, where each version's model is short-lived garbage, at no measurable cost in speed
 * (bench/README.md). Other editors can pass the same: `node --max-semi-space-size=4 dist/server.js --stdio`.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];

/**
 * Environment variable naming the folder where the server keeps V8's code cache of its bundle
 * (src/server/bootstrap.ts); the client sets it to the extension's global storage.
 */
export const SERVER_CACHE_DIR_VARIABLE = 'SPINKUBE_SERVER_CACHE_DIR';
