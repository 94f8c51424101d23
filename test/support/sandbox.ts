// A local Kubernetes sandbox: the API simulator plus the simulated operator and kubelet, seeded
// with nodes, executors and apps. Used by `npm start`, the in-host VS Code suites and benchmarks.
// (Contract first; the simulator fills it in.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SandboxOptions {
  /** 'demo': a few nodes, executors and apps in several states; 'empty': a bare cluster with SpinKube installed. */
  readonly seed?: 'demo' | 'empty';
  /** Folder for the kubeconfig (a new temp folder by default). */
  readonly dir?: string;
}

export interface Sandbox {
  /** A kubeconfig file whose current context points at the sandbox. */
  readonly kubeconfigPath: string;
  /** Base URL of the API server, e.g. http://127.0.0.1:PORT */
  readonly apiUrl: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'spinkube-sandbox-'));
  const apiUrl = 'http://127.0.0.1:1';
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: sandbox, cluster: {server: "' + apiUrl + '"}}]',
      'users: [{name: sandbox, user: {}}]',
      'contexts: [{name: sandbox, context: {cluster: sandbox, user: sandbox, namespace: default}}]',
      'current-context: sandbox',
      '',
    ].join('\n'),
  );
  return { kubeconfigPath, apiUrl, stop: async () => undefined };
}
