// Deploy from the command palette inside the real extension host: the sample app is pushed to a
// local registry and deployed to the sandbox cluster (KUBECONFIG), until the SpinApp is ready and
// the explorer shows it ready.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import TOML from '@iarna/toml';
import { startRegistry, type LocalRegistry } from '../../support/registry';
import { writeWasmModule } from '../../support/wasm';
import { getApi, waitFor } from './helpers';

interface DeployOutcome {
  readonly state: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly image?: string;
  readonly message?: string;
}

/** The part of the cluster feature this suite reads (the explorer's model of the cluster). */
interface ExplorerModel {
  readonly connection?: {
    readonly model?: { app(key: string): { status: { state: string; ready: number } } | undefined };
  };
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

describe('deploy', function () {
  this.timeout(180_000);
  let registry: LocalRegistry | undefined;

  before(async () => {
    registry = await startRegistry();
  });
  after(async () => {
    await registry?.stop();
  });

  it('the palette Deploy of the sample app reaches ready, and the explorer shows it ready', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a workspace folder is open');
    const manifest = join(folder, 'spin.toml');
    ensureBuiltSources(manifest);

    const outcome = await vscode.commands.executeCommand<DeployOutcome>('spinkube.deploy', {
      manifest,
      reference: `${registry!.host}/sample-app:e2e`,
      namespace: 'default',
      executor: 'containerd-shim-spin',
      skipBuild: true,
      timeoutSeconds: 120,
    });
    assert.equal(outcome?.state, 'ready', JSON.stringify(outcome));
    assert.equal(outcome.namespace, 'default');
    assert.match(
      outcome.image ?? '',
      new RegExp(`^${registry!.host.replace(/\./g, '\\.')}/sample-app@sha256:[0-9a-f]{64}$`),
    );
    assert.match(outcome.message ?? '', /is available: \d+\/\d+ ready\.$/);

    await vscode.commands.executeCommand('workbench.view.extension.spinkube');
    const explorer = api.cluster as unknown as ExplorerModel;
    const key = `default/${outcome.name ?? ''}`;
    const shown = await waitFor(
      () => {
        const app = explorer.connection?.model?.app(key);
        return app?.status.state === 'ready' ? app : undefined;
      },
      30_000,
      `the explorer to show ${key} ready`,
    );
    assert.ok(shown.status.ready >= 1);
  });
});
