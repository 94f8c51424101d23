// A local Kubernetes sandbox: the API simulator plus the simulated operator and kubelet, seeded
// with nodes, executors and apps. Used by `npm start`, the in-host VS Code suites and benchmarks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from './k8s-sim/index.js';
import { startSimulator } from './k8s-sim/index.js';
import type { SimOperator } from './k8s-sim/operator/index.js';
import { startSimOperator } from './k8s-sim/operator/index.js';
import { seedDemo, seedSpinKube } from './k8s-sim/seed.js';
import { SimulatedSpinApps } from './k8s-sim/simulatedSpinApps.js';

export { DEMO_APPS } from './k8s-sim/seed.js';

export interface SandboxOptions {
  /** 'demo': a few nodes, executors and apps in several states; 'empty': a bare cluster with SpinKube installed. */
  readonly seed?: 'demo' | 'empty';
  /** Folder for the kubeconfig (a new temp folder by default). */
  readonly dir?: string;
  /** Real milliseconds per simulated second for the operator and kubelet (default 50). */
  readonly secondMs?: number;
  /**
   * Registries (host:port, e.g. a `startRegistry()` on 127.0.0.1) the kubelet really pulls from:
   * a pod of an image they do not have fails with ErrImagePull and the registry's answer.
   */
  readonly pullFrom?: readonly string[];
}

export interface Sandbox {
  /** A kubeconfig file whose current context points at the sandbox. */
  readonly kubeconfigPath: string;
  /** Base URL of the API server, e.g. http://127.0.0.1:PORT */
  readonly apiUrl: string;
  /** The simulator (store, faults) behind the sandbox. */
  readonly simulator: Simulator;
  /** The simulated operator, scheduler and kubelet (failure modes on demand). */
  readonly operator: SimOperator;
  /** What running Spin pods answer through port-forward (`Hello from <app>`). */
  readonly apps: SimulatedSpinApps;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'spinkube-sandbox-'));
  const simulator = await startSimulator({ dir });
  if (options.seed === 'empty') seedSpinKube(simulator);
  else seedDemo(simulator);
  let operator: SimOperator;
  try {
    operator = await startSimOperator({
      kubeconfigPath: simulator.kubeconfigPath,
      secondMs: options.secondMs ?? 50,
      ...(options.pullFrom && { pullFrom: options.pullFrom }),
    });
  } catch (err) {
    await simulator.stop();
    throw err;
  }
  const apps = new SimulatedSpinApps();
  simulator.server.portForward.addResolver(apps.resolve);
  return {
    kubeconfigPath: simulator.kubeconfigPath,
    apiUrl: simulator.url,
    simulator,
    operator,
    apps,
    stop: async () => {
      await operator.stop();
      await simulator.stop();
      await apps.stop();
    },
  };
}
