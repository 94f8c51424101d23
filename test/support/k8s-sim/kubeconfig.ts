// Writes a kubeconfig whose current context points at a simulator (or any API server URL).
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  token?: string;
  namespace?: string;
  contextName?: string;
}

export function kubeconfigText(o: KubeconfigOptions): string {
  const name = o.contextName ?? 'spinkube-sim';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: o.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: o.token ? { token: o.token } : {} }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: o.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, o: KubeconfigOptions): string {
  writeFileSync(path, kubeconfigText(o), { mode: 0o600 });
  return path;
}
