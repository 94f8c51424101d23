// Messages between the VS Code client and our language server beyond standard LSP, and how the
// client starts the server. Shared by both sides.
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
 * Node options the client starts the server process with (bench/README.md, docs/decisions.md):
 * - `--max-semi-space-size=4`: a young generation of at most 4 MB per semi-space (V8's default is
 *   16 MB) keeps the server's memory about 40 MB lower on large manifests, where each version's
 *   model is short-lived garbage, at no measurable cost in speed;
 * - `--always-sparkplug`: V8 compiles each function to baseline machine code on first use instead
 *   of interpreting it until it is warm. A validation of a typical file runs a few hundred functions
 *   a few dozen times each while the user types, never enough to get warm: this takes a third off
 *   its time for the first minutes of editing.
 * Other editors can pass the same: `node --max-semi-space-size=4 --always-sparkplug dist/server.js --stdio`.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--always-sparkplug'];

/**
 * Environment variable naming the folder where the server keeps V8's code cache of its bundle
 * (src/server/bootstrap.ts); the client sets it to the extension's global storage.
 */
export const SERVER_CACHE_DIR_VARIABLE = 'SPINKUBE_SERVER_CACHE_DIR';

/**
 * Variables a process reads at start-up for what the server never does. The server opens no
 * network connection, yet Node reads and parses every certificate named by NODE_EXTRA_CA_CERTS when
 * it starts (about 60 ms for a system bundle on a small machine, a third of a cold start).
 */
const VARIABLES_THE_SERVER_DOES_NOT_NEED = ['NODE_EXTRA_CA_CERTS'];

/** The environment the client starts the server with: its own, less what the server has no use for, plus the cache folder. */
export function serverEnvironment(base: NodeJS.ProcessEnv, cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, [SERVER_CACHE_DIR_VARIABLE]: cacheDir };
  for (const name of VARIABLES_THE_SERVER_DOES_NOT_NEED) delete env[name];
  return env;
}
