// The API simulator and client-node clients on it, for the simulator's own tests: one SpinAppExecutor
// (containerd-shim-spin) exists in namespace default. Also what a refused request answered.
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

export const GROUP = 'core.spinkube.dev';
export const VERSION = 'v1alpha1';

export interface SimulatorClients {
  readonly sim: Simulator;
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly custom: k8s.CustomObjectsApi;
}

export async function startSimulatorClients(): Promise<SimulatorClients> {
  const sim = await startSimulator();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  await custom.createNamespacedCustomObject({
    group: GROUP,
    version: VERSION,
    namespace: 'default',
    plural: 'spinappexecutors',
    body: {
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'SpinAppExecutor',
      metadata: { name: 'containerd-shim-spin' },
      spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
    },
  });
  return { sim, kc, core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api), custom };
}

export function statusOf(err: unknown): {
  code: number;
  body: {
    kind: string;
    reason: string;
    message: string;
    code: number;
    details?: { causes?: { field?: string; reason: string }[] };
  };
} {
  assert.ok(err instanceof k8s.ApiException, `expected an ApiException, got ${String(err)}`);
  const body = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
  return { code: err.code, body };
}

export async function rejects(promise: Promise<unknown>): Promise<ReturnType<typeof statusOf>> {
  try {
    await promise;
  } catch (err) {
    return statusOf(err);
  }
  assert.fail('the request succeeded but should have failed');
}
