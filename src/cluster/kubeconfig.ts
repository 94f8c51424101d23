// Loads kubeconfig the way kubectl does, without touching VS Code.
//
//   kubeconfigPaths({ setting, env, home })  → the files to read, in order:
//       the `spinkube.kubeconfig` setting if set (several paths separated like KUBECONFIG),
//       else $KUBECONFIG (several files), else ~/.kube/config.
//   loadKubeconfig(source) → { ok: true, kubeConfig, files, contexts, currentContext }
//                          | { ok: false, reason: 'none' | 'invalid', message, files }
//       Files are merged like kubectl: for clusters, users and contexts the FIRST file that defines a
//       name wins; `current-context` comes from the first file that sets one. Missing files are
//       skipped; relative certificate paths resolve against their file's folder. Exec and token auth
//       are left to @kubernetes/client-node (applied per request by the transport).
//   forContext(kubeConfig, name) → a copy whose current context is `name`.
//   contextNamespace(kubeConfig, name?) → the context's namespace, else `default`.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { isolateExecCredentialEnvironment } from './execAuthEnvironment';

// Exec credential plugins get their own environment; the host's process.env stays untouched.
isolateExecCredentialEnvironment();

export interface KubeconfigSource {
  /** Value of the `spinkube.kubeconfig` setting (empty: not set). */
  readonly setting?: string;
  /** Environment to read KUBECONFIG from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Home folder (default os.homedir()). */
  readonly home?: string;
}

export interface ContextSummary {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace: string;
  readonly server: string | undefined;
}

export type KubeconfigResult =
  | {
      readonly ok: true;
      readonly kubeConfig: KubeConfig;
      readonly files: readonly string[];
      readonly contexts: readonly ContextSummary[];
      readonly currentContext: string | undefined;
    }
  | {
      readonly ok: false;
      readonly reason: 'none' | 'invalid';
      readonly message: string;
      readonly files: readonly string[];
    };

/** The kubeconfig files to read, in kubectl's order of precedence. */
export function kubeconfigPaths(source: KubeconfigSource = {}): string[] {
  const split = (value: string): string[] =>
    value
      .split(delimiter)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => expandHome(p, source.home));
  if (source.setting && source.setting.trim()) return split(source.setting);
  const env = source.env ?? process.env;
  const fromEnv = env['KUBECONFIG'];
  if (fromEnv && fromEnv.trim()) return split(fromEnv);
  return [join(source.home ?? homedir(), '.kube', 'config')];
}

function expandHome(path: string, home: string | undefined): string {
  if (path === '~' || path.startsWith('~/')) return join(home ?? homedir(), path.slice(1));
  return path;
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

export function loadKubeconfig(source: KubeconfigSource = {}): KubeconfigResult {
  const candidates = kubeconfigPaths(source);
  const files = candidates.filter(isFile);
  if (files.length === 0) {
    return {
      ok: false,
      reason: 'none',
      files: candidates,
      message: `No kubeconfig found (looked for ${candidates.join(', ')}).`,
    };
  }
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext: string | undefined;
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (error) {
      return {
        ok: false,
        reason: 'invalid',
        files,
        message: `The kubeconfig ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    for (const c of one.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const x of one.contexts ?? []) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (!currentContext && one.currentContext) currentContext = one.currentContext;
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: currentContext ?? '',
  });
  if (currentContext && !contexts.has(currentContext)) currentContext = undefined;
  return { ok: true, kubeConfig, files, contexts: summarizeContexts(kubeConfig), currentContext };
}

function summarizeContexts(kubeConfig: KubeConfig): ContextSummary[] {
  return kubeConfig.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace || 'default',
    server: kubeConfig.getCluster(c.cluster)?.server,
  }));
}

/** A copy of the configuration whose current context is `name` (the original is not changed). */
export function forContext(kubeConfig: KubeConfig, name: string): KubeConfig {
  if (!kubeConfig.getContextObject(name)) throw new Error(`The kubeconfig has no context named "${name}".`);
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kubeConfig.clusters,
    users: kubeConfig.users,
    contexts: kubeConfig.contexts,
    currentContext: name,
  });
  return copy;
}

export function contextNamespace(kubeConfig: KubeConfig, name?: string): string {
  const ctx = kubeConfig.getContextObject(name ?? kubeConfig.getCurrentContext());
  return ctx?.namespace || 'default';
}
