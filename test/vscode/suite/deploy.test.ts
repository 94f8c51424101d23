// Deploy from the command palette inside the real extension host: the sample app is pushed to a
// local registry and deployed to the sandbox cluster (KUBECONFIG), until the SpinApp is ready and
// the explorer shows it ready.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import TOML from '@iarna/toml';
import { startRegistry, type LocalRegistry } from '../../support/registry';
import { writeWasmModule } from '../../support/wasm';
import { loadKubeconfig } from '../../../src/cluster/kubeconfig';
import { ClusterSession } from '../../../src/cluster/session';
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

/** A session of our own on the cluster the extension deploys to (KUBECONFIG of the test host). */
function clusterSession(): ClusterSession {
  const loaded = loadKubeconfig({});
  if (!loaded.ok) throw new Error(loaded.message);
  return new ClusterSession(loaded.kubeConfig);
}

describe('deploy', function () {
  this.timeout(180_000);
  let registry: LocalRegistry | undefined;
  let deployed: DeployOutcome | undefined;

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
    deployed = outcome;
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
  it('a deploy the cluster refuses returns the reason instead of hanging', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const outcome = await vscode.commands.executeCommand<{ state: string; kind: string; message: string }>(
      'spinkube.deploy',
      {
        manifest: join(folder, 'spin.toml'),
        reference: `${registry!.host}/sample-app:e2e`,
        namespace: 'default',
        executor: 'no-such-executor',
        skipBuild: true,
        skipPush: true,
      },
    );
    assert.equal(outcome?.state, 'failed');
    assert.equal(outcome.kind, 'admission-denied');
    assert.match(outcome.message, /executor does not exist in namespace/);
  });

  it('Scaffold SpinApp YAML opens the YAML spin kube scaffold would write', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const result = await vscode.commands.executeCommand<{ yaml: string; uri: string }>('spinkube.scaffold', {
      manifest: join(folder, 'spin.toml'),
      reference: 'ghcr.io/you/sample-app:v1',
      target: 'untitled',
    });
    assert.match(
      result.yaml,
      /^apiVersion: core\.spinkube\.dev\/v1alpha1\nkind: SpinApp\nmetadata:\n {2}name: sample-app\n/,
    );
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), result.uri);
    assert.equal(editor?.document.languageId, 'yaml');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Apply Current YAML applies the objects of a YAML text', async () => {
    const yaml = [
      'apiVersion: core.spinkube.dev/v1alpha1',
      'kind: SpinApp',
      'metadata:',
      '  name: applied-app',
      'spec:',
      `  image: "${registry!.host}/sample-app:e2e"`,
      '  executor: containerd-shim-spin',
      '  replicas: 1',
      '',
    ].join('\n');
    const result = await vscode.commands.executeCommand<{ applied: string[]; state: string }>(
      'spinkube.apply',
      {
        yaml,
        namespace: 'default',
        wait: false,
      },
    );
    assert.deepEqual(result?.applied, ['SpinApp/applied-app']);
    assert.equal(result.state, 'applied');
  });

  it('Undeploy deletes the app Deploy created', async () => {
    assert.ok(deployed?.name, 'the deploy test ran first');
    const result = await vscode.commands.executeCommand<{ deleted: string[]; leftInPlace: string[] }>(
      'spinkube.undeploy',
      { name: deployed.name, namespace: 'default', confirm: false },
    );
    assert.deepEqual(result?.deleted, [`SpinApp/${deployed.name}`]);
    assert.deepEqual(result?.leftInPlace, [], 'nothing left behind that could not be checked');
  });

  it('Force after a Deploy conflict applies again without building or pushing, and takes the fields over', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    ensureBuiltSources(join(folder, 'spin.toml'));
    const own = await startRegistry();
    const args = {
      manifest: join(folder, 'spin.toml'),
      reference: `${own.host}/sample-app:force`,
      namespace: 'default',
      executor: 'containerd-shim-spin',
      skipBuild: true,
      wait: false,
    };
    const session = clusterSession();
    try {
      const first = await vscode.commands.executeCommand<DeployOutcome>('spinkube.deploy', args);
      assert.equal(first?.state, 'applied', JSON.stringify(first));
      // Another tool takes spec.replicas over, so the next Deploy's apply conflicts.
      await session.transport.request({
        method: 'PATCH',
        path: `/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/${first.name ?? ''}`,
        query: { fieldManager: 'kubectl', force: true },
        body: {
          apiVersion: 'core.spinkube.dev/v1alpha1',
          kind: 'SpinApp',
          metadata: { name: first.name },
          spec: { replicas: 5 },
        },
        contentType: 'application/apply-patch+yaml',
      });
      const conflict = await vscode.commands.executeCommand<{ state: string; kind: string; message: string }>(
        'spinkube.deploy',
        args,
      );
      assert.equal(conflict?.state, 'failed');
      assert.equal(conflict.kind, 'apply-conflict');
      assert.match(conflict.message, /\.spec\.replicas \(owned by kubectl\)/);

      // With the registry gone, a push would fail: Force must reuse the image already pushed.
      await own.stop();
      const forced = (await api.pipeline.retryWithForce()) as DeployOutcome | undefined;
      assert.equal(forced?.state, 'applied', JSON.stringify(forced));
      // The image the conflicting Deploy pushed (a digest on the registry that is gone now).
      assert.match(forced.image ?? '', new RegExp(`^${own.host.replace(/\./g, '\\.')}/sample-app@sha256:`));
      const app = await session.transport.request<{ spec?: { replicas?: number; image?: string } }>({
        path: `/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/${first.name ?? ''}`,
      });
      assert.equal(app?.spec?.image, forced.image);
      assert.notEqual(app?.spec?.replicas, 5, 'the forced apply took spec.replicas back');
      assert.equal(await api.pipeline.retryWithForce(), undefined, 'Force is offered once per failure');
      await vscode.commands.executeCommand('spinkube.undeploy', {
        name: first.name,
        namespace: 'default',
        confirm: false,
      });
    } finally {
      session.dispose();
      await own.stop();
    }
  });

  it('Cancel in the progress notification stops a deploy that waits for its rollout', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    ensureBuiltSources(join(folder, 'spin.toml'));
    // spinapp.yaml next to spin.toml is what Deploy applies: an app that starts slowly (an hour).
    const besideManifest = join(folder, 'spinapp.yaml');
    writeFileSync(
      besideManifest,
      [
        'apiVersion: core.spinkube.dev/v1alpha1',
        'kind: SpinApp',
        'metadata:',
        '  name: slow-app',
        '  annotations:',
        '    sim.spinkube.dev/failure: slow-start',
        'spec:',
        '  image: placeholder',
        '  executor: containerd-shim-spin',
        '  replicas: 1',
        '',
      ].join('\n'),
    );
    try {
      const running = vscode.commands.executeCommand<{ state: string; kind: string; message: string }>(
        'spinkube.deploy',
        {
          manifest: join(folder, 'spin.toml'),
          reference: `${registry!.host}/sample-app:e2e`,
          namespace: 'default',
          skipBuild: true,
          skipPush: true,
          timeoutSeconds: 600,
        },
      );
      // Following the rollout shows "Waiting for SpinApp …", then what the rollout is at ("0/1 ready …").
      await waitFor(
        () =>
          /Waiting for SpinApp "slow-app"|Deployment "slow-app"|\d+\/\d+ ready/.test(api.pipeline.statusText),
        60_000,
        'the deploy to follow the rollout',
      );
      // The Cancel button of the newest notification: the deploy's progress.
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      const outcome = await running;
      assert.equal(outcome?.state, 'cancelled', JSON.stringify(outcome));
      assert.equal(outcome.kind, 'cancelled');
      assert.match(outcome.message, /slow-app/);
    } finally {
      rmSync(besideManifest, { force: true });
      await vscode.commands.executeCommand('spinkube.undeploy', {
        name: 'slow-app',
        namespace: 'default',
        confirm: false,
      });
    }
  });

  it('registry credentials are kept in secret storage, not settings, and used by Push', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    ensureBuiltSources(join(folder, 'spin.toml'));
    const guarded = await startRegistry({ auth: 'basic' });
    try {
      const push = () =>
        vscode.commands.executeCommand<{ state?: string; kind?: string; digest?: string }>('spinkube.push', {
          manifest: join(folder, 'spin.toml'),
          reference: `${guarded.host}/sample-app:secret`,
        });
      const refused = await push();
      assert.equal(refused?.kind, 'registry-unauthorized', JSON.stringify(refused));

      const host = await vscode.commands.executeCommand<string | undefined>(
        'spinkube.setRegistryCredentials',
        {
          host: guarded.host,
          username: guarded.username,
          password: guarded.password,
        },
      );
      assert.equal(host, guarded.host);
      const pushed = await push();
      assert.match(pushed?.digest ?? '', /^sha256:[0-9a-f]{64}$/, JSON.stringify(pushed));

      const password = guarded.password ?? '';
      assert.ok(password.length > 0);
      const settings = JSON.stringify(vscode.workspace.getConfiguration('spinkube'));
      assert.ok(!settings.includes(password), 'no setting holds the password');
      for (const file of [join(folder, '.vscode', 'settings.json')]) {
        if (existsSync(file)) {
          assert.ok(!readFileSync(file, 'utf8').includes(password), `${file} holds no password`);
        }
      }
    } finally {
      await guarded.stop();
    }
  });

  it('spin build tasks appear under Run Task, with the toolchain problem matchers', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'spin' });
    const build = tasks.find((t) => t.name === 'build' && t.source === 'spin');
    assert.ok(build, `a spin build task among: ${tasks.map((t) => `${t.source}:${t.name}`).join(', ')}`);
    assert.deepEqual(build.problemMatchers, ['$spin-rustc', '$spin-tsc', '$spin-go']);
    assert.equal(build.group?.id, vscode.TaskGroup.Build.id);
  });
  it('a compiler error of a component built in a sub-folder lands in Problems on the right file', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const app = join(folder, 'nested-app');
    mkdirSync(join(app, 'component'), { recursive: true });
    writeFileSync(join(app, 'component', 'main.go'), 'package main\n\nfunc main() { x }\n');
    writeFileSync(
      join(app, 'spin.toml'),
      [
        'spin_manifest_version = 2',
        '[application]',
        'name = "nested-app"',
        '[[trigger.http]]',
        'route = "/..."',
        'component = "nested"',
        '[component.nested]',
        'source = "component/main.wasm"',
        '[component.nested.build]',
        'command = "echo ./main.go:3:15: undefined: x && exit 1"',
        'workdir = "component"',
        '',
      ].join('\n'),
    );
    const expected = vscode.Uri.file(join(app, 'component', 'main.go'));
    // The spin task provider comes with the pipeline feature (loaded on first use).
    assert.ok((await getApi()).pipeline);
    try {
      const tasks = await vscode.tasks.fetchTasks({ type: 'spin' });
      const build = tasks.find((t) => t.name === 'build nested-app/spin.toml');
      assert.ok(build, `the nested app's build task among: ${tasks.map((t) => t.name).join(', ')}`);
      const ended = new Promise<void>((resolve) => {
        const subscription = vscode.tasks.onDidEndTask((e) => {
          if (e.execution.task.name !== build.name) return;
          subscription.dispose();
          resolve();
        });
      });
      await vscode.tasks.executeTask(build);
      await ended;
      const goDiagnostics = () =>
        vscode.languages
          .getDiagnostics()
          .flatMap(([uri, list]) =>
            list.filter((d) => d.source === 'go').map((d) => `${uri.fsPath}: ${d.message}`),
          );
      const diagnostics = await waitFor(
        () => {
          const found = vscode.languages.getDiagnostics(expected).filter((d) => d.source === 'go');
          return found.length > 0 ? found : undefined;
        },
        30_000,
        `the Go error in Problems on nested-app/component/main.go (Go problems: ${goDiagnostics().join('; ') || 'none'}; trusted: ${vscode.workspace.isTrusted})`,
      );
      assert.equal(diagnostics[0]?.message, 'undefined: x');
      assert.equal(diagnostics[0]?.range.start.line, 2);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
