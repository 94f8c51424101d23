// A redeploy from the command palette that changes only a variable: Deploy waits for spin-operator
// to update the Deployment and for the new pods, and says "ready" only when no pod runs the old
// value. The sandbox's operator acts on this app's changes a little late on purpose (annotation
// sim.spinkube.dev/operator-delay-ms), so that a verdict taken too early would show.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import TOML from '@iarna/toml';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig';
import { ClusterSession } from '../../../src/cluster/session';
import { startRegistry, type LocalRegistry } from '../../support/registry';
import { writeWasmModule } from '../../support/wasm';
import { getApi, waitFor } from './helpers';

const APP = 'greeter';

interface DeployOutcome {
  readonly state: string;
  readonly image?: string;
  readonly message?: string;
}

interface Env {
  readonly name?: string;
  readonly value?: string;
}
interface PodList {
  readonly items: {
    readonly metadata?: { readonly deletionTimestamp?: string };
    readonly spec?: { readonly containers?: { readonly env?: Env[] }[] };
  }[];
}

/** Component sources the sample's build would produce; stand-ins where it has not been built. */
function ensureBuiltSources(manifest: string): void {
  const parsed = TOML.parse(readFileSync(manifest, 'utf8')) as {
    component?: Record<string, { source?: unknown }>;
  };
  for (const [id, component] of Object.entries(parsed.component ?? {})) {
    if (typeof component.source !== 'string') continue;
    const path = join(dirname(manifest), component.source);
    if (existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeWasmModule(path, 4096, id);
  }
}

function spinAppYaml(greeting: string): string {
  return [
    'apiVersion: core.spinkube.dev/v1alpha1',
    'kind: SpinApp',
    'metadata:',
    `  name: ${APP}`,
    '  annotations:',
    '    sim.spinkube.dev/operator-delay-ms: "1500"',
    'spec:',
    '  image: placeholder',
    '  executor: containerd-shim-spin',
    '  replicas: 1',
    '  variables:',
    '    - name: greeting',
    `      value: ${greeting}`,
    '',
  ].join('\n');
}

const greetings = (containers: readonly { readonly env?: Env[] }[] | undefined): string[] =>
  (containers ?? []).flatMap((c) =>
    (c.env ?? []).filter((e) => e.name === 'SPIN_VARIABLE_GREETING').map((e) => e.value ?? ''),
  );

describe('redeploy', function () {
  this.timeout(180_000);
  let registry: LocalRegistry | undefined;
  let session: ClusterSession | undefined;

  before(async () => {
    registry = await startRegistry();
    const loaded = loadKubeconfig({});
    if (!loaded.ok) throw new Error(loaded.message);
    session = new ClusterSession(loaded.kubeConfig);
  });
  after(async () => {
    session?.dispose();
    await registry?.stop();
  });

  it('a variable-only redeploy waits for the operator and the new pods before saying ready', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const manifest = join(folder, 'spin.toml');
    ensureBuiltSources(manifest);
    const besideManifest = join(folder, 'spinapp.yaml');
    // The second deploy runs the image the first one pushed (by digest): only the variable changes.
    const deploy = (image?: string): Thenable<DeployOutcome | undefined> =>
      vscode.commands.executeCommand<DeployOutcome>('spinkube.deploy', {
        manifest,
        reference: image ?? `${registry!.host}/sample-app:redeploy`,
        namespace: 'default',
        skipBuild: true,
        skipPush: image !== undefined,
        timeoutSeconds: 120,
      });
    try {
      writeFileSync(besideManifest, spinAppYaml('hi'));
      const first = await deploy();
      assert.equal(first?.state, 'ready', JSON.stringify(first));

      writeFileSync(besideManifest, spinAppYaml('bye'));
      const statuses: string[] = [];
      const watching = setInterval(() => {
        const text = api.pipeline.statusText;
        if (statuses.at(-1) !== text) statuses.push(text);
      }, 20);
      let second: DeployOutcome | undefined;
      try {
        second = await deploy(first.image);
      } finally {
        clearInterval(watching);
      }
      assert.equal(second?.state, 'ready', JSON.stringify(second));
      assert.equal(second.message, `SpinApp "${APP}" is available: 1/1 ready.`);
      // When Deploy says ready, the new value runs and no pod of the old one is left.
      const deployment = await session!.transport.request<{
        spec?: { template?: { spec?: { containers?: { env?: Env[] }[] } } };
      }>({ path: `/apis/apps/v1/namespaces/default/deployments/${APP}` });
      assert.deepEqual(greetings(deployment.spec?.template?.spec?.containers), ['bye']);
      const pods = await session!.transport.request<PodList>({
        path: '/api/v1/namespaces/default/pods',
        query: { labelSelector: `core.spinkube.dev/app-name=${APP}` },
      });
      assert.deepEqual(
        pods.items.map(
          (p) =>
            `${greetings(p.spec?.containers).join(',')}${p.metadata?.deletionTimestamp ? ' (terminating)' : ''}`,
        ),
        ['bye'],
      );
      assert.ok(
        // (the status bar shortens long texts)
        statuses.some((s) => s.includes('Waiting for spin-operator to apply the change')),
        `the deploy said it waits for the operator: ${statuses.join(' | ')}`,
      );
      await vscode.commands.executeCommand('workbench.view.extension.spinkube');
      const shown = await waitFor(
        () => {
          const model = (
            api.cluster as unknown as {
              connection?: { model?: { app(key: string): { status: { state: string } } | undefined } };
            }
          ).connection?.model;
          return model?.app(`default/${APP}`)?.status.state === 'ready';
        },
        30_000,
        'the explorer to show the app ready',
      );
      assert.ok(shown);
    } finally {
      rmSync(besideManifest, { force: true });
      await vscode.commands.executeCommand('spinkube.undeploy', {
        name: APP,
        namespace: 'default',
        confirm: false,
      });
    }
  });
});
