// The Kubernetes API simulator: start it, seed it, break it. `startSimulator()` returns a handle
// with the URL, a kubeconfig, direct access to the store and the fault controls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiServerOptions } from './apiServer.js';
import { KubeApiServer } from './apiServer.js';
import type { FaultControls } from './faults.js';
import { writeKubeconfig } from './kubeconfig.js';
import { readCrds } from './sharedReference.js';
import { spinOperatorWebhooks } from './spinOperatorWebhooks.js';
import type { KubeObject, ResourceType } from './types.js';

export type { FaultControls, FaultRule } from './faults.js';
export type { KubeObject } from './types.js';
export { KubeApiServer } from './apiServer.js';

export interface SimulatorOptions extends ApiServerOptions {
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Folder for the kubeconfig (default: a new temp folder). */
  dir?: string;
  /** Install the core.spinkube.dev CRDs read from shared/reference/crds (default 'main'). */
  spinKubeCrds?: 'main' | 'v0.6.1' | false;
  /** Also install the legacy core.spinoperator.dev CRDs. */
  legacyCrds?: boolean;
  /** Run spin-operator's admission webhooks (default true). */
  spinWebhooks?: boolean;
  /**
   * Only the API server, as envtest runs kube-apiserver (see ApiServerOptions.bare): no CRDs, no
   * spin-operator webhooks in the server, no service account, garbage or namespace controllers.
   * The envtest harness (test/support/envtest) brings all of that as clients.
   */
  bare?: boolean;
}

export interface Simulator {
  readonly url: string;
  readonly kubeconfigPath: string;
  readonly server: KubeApiServer;
  readonly faults: FaultControls;
  /** Creates an object given its apiVersion and kind (as a client would POST it). */
  create(obj: KubeObject): KubeObject;
  /** The served resource type of an apiVersion + kind. */
  typeOf(apiVersion: string, kind: string): ResourceType;
  installLegacyCrds(): void;
  stop(): Promise<void>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const server = new KubeApiServer(options);
  const typeOf = (apiVersion: string, kind: string): ResourceType => {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const t = server.registry.byKind(group, kind);
    if (!t) throw new Error(`no resource type serves ${apiVersion} ${kind}`);
    return t;
  };
  const create = (obj: KubeObject): KubeObject => {
    const type = typeOf(String(obj.apiVersion), String(obj.kind));
    return server.ops.create(type, obj.metadata.namespace ?? (type.namespaced ? 'default' : ''), obj, {
      fieldManager: 'sim-seed',
    });
  };
  // The service account controller: every namespace gets a `default` ServiceAccount.
  server.store.subscribe('/namespaces', (ch) => {
    if (ch.type !== 'ADDED' || options.bare) return;
    const sa = server.store.get('/serviceaccounts', ch.name, 'default');
    if (!sa) {
      setImmediate(() => {
        try {
          create({
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace: ch.name },
          });
        } catch {
          // the namespace went away again
        }
      });
    }
  });
  for (const ns of SYSTEM_NAMESPACES) create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const crds = options.bare ? false : (options.spinKubeCrds ?? 'main');
  if (crds !== false) for (const crd of readCrds(crds)) create(crd);
  if (options.legacyCrds && !options.bare) for (const crd of readCrds('legacy')) create(crd);
  if (options.spinWebhooks !== false && !options.bare) {
    for (const hook of spinOperatorWebhooks(server.store)) server.ops.admission.add(hook);
  }
  await server.listen(options.port ?? 0);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'spinkube-sim-'));
  const kubeconfigPath = writeKubeconfig(join(dir, 'kubeconfig'), {
    server: server.url,
    token: options.token,
  });
  return {
    url: server.url,
    kubeconfigPath,
    server,
    faults: server,
    create,
    typeOf,
    installLegacyCrds: () => {
      for (const crd of readCrds('legacy')) create(crd);
    },
    stop: () => server.close(),
  };
}
