// What the CLI runs: the pipeline cores, behind one interface so tests can replace a step
// (e.g. connect to a simulated cluster) and so build/push land independently of deploy.
import { existsSync } from 'node:fs';
import { buildApp, type BuildOptions, type BuildResult } from '../../pipeline/build/buildApp';
import { loadKubeconfig } from '../../cluster/kubeconfig';
import { ClusterSession } from '../../cluster/session';
import { PipelineError, type PipelineListener } from '../../pipeline/events';
import type { DeployCluster } from '../../pipeline/deploy';
import { parseReference, pushApp } from '../../pipeline/oci/push';

export interface PushRequest {
  readonly manifestPath: string;
  readonly reference: string;
  readonly insecure: boolean;
  /** Docker's config.json to read credentials from. */
  readonly dockerConfigPath?: string;
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
}

export interface PushOutcome {
  /** The pushed manifest digest, when the registry returned it. */
  readonly digest?: string;
  /** The reference as pushed, normalized. */
  readonly reference?: string;
}

export interface ConnectRequest {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ConnectedCluster extends DeployCluster {
  readonly context: string;
  dispose(): void;
}

export interface CliSteps {
  build(options: BuildOptions): Promise<BuildResult>;
  push(request: PushRequest): Promise<PushOutcome>;
  connect(request: ConnectRequest): ConnectedCluster;
}

export function connectCluster(request: ConnectRequest): ConnectedCluster {
  const loaded = loadKubeconfig({
    ...(request.kubeconfig && { setting: request.kubeconfig }),
    env: request.env,
  });
  if (!loaded.ok) throw new PipelineError('cluster-unreachable', loaded.message);
  const context = request.context ?? loaded.currentContext;
  if (!context) {
    throw new PipelineError('cluster-unreachable', 'The kubeconfig has no current context; pass --context.');
  }
  if (!loaded.contexts.some((c) => c.name === context)) {
    throw new PipelineError('usage', `The kubeconfig has no context named '${context}'.`);
  }
  return new ClusterSession(loaded.kubeConfig, context);
}

/** Push with the registry host allowed over plain HTTP when --insecure was given. */
async function pushWithCli(request: PushRequest): Promise<PushOutcome> {
  const host = insecureHost(request.reference);
  const result = await pushApp({
    manifestPath: request.manifestPath,
    reference: request.reference,
    insecureHosts: request.insecure && host ? [host] : [],
    ...(request.dockerConfigPath && { dockerConfigPath: request.dockerConfigPath }),
    ...(request.signal && { signal: request.signal }),
    ...(request.onEvent && { onEvent: request.onEvent }),
  });
  return { digest: result.digest, reference: result.reference };
}

function insecureHost(reference: string): string | undefined {
  try {
    return parseReference(reference).registry;
  } catch {
    return undefined;
  }
}

export const defaultSteps: CliSteps = {
  build: (options) => buildApp(options),
  push: pushWithCli,
  connect: connectCluster,
};

export function manifestExists(path: string): boolean {
  return existsSync(path);
}
