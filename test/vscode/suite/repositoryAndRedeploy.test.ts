// In the real extension host: the image repository command refuses a registry alone and changes
// what Deploy uses; an unchanged redeploy says "Nothing changed"; Scaffold merges into an existing
// spinapp.yaml instead of overwriting it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { startRegistry, type LocalRegistry } from '../../support/registry';
import { writeWasmModule } from '../../support/wasm';

interface Outcome {
  readonly state?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly image?: string;
  readonly message?: string;
  readonly unchanged?: boolean;
  readonly reference?: string;
  readonly yaml?: string;
  readonly result?: string;
}

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'a workspace folder is open');
  return folder;
}

/** Stand-ins for the sample's built components, so Deploy can push without its npm build. */
function ensureSources(folder: string): void {
  for (const id of ['hello', 'echo']) {
    const path = join(folder, id, 'dist', `${id}.wasm`);
    if (existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeWasmModule(path, 4096, id);
  }
}

describe('redeploy and the image repository', function () {
  this.timeout(180_000);
  let registry: LocalRegistry | undefined;
  before(async () => {
    registry = await startRegistry();
  });
  after(async () => {
    await registry?.stop();
  });

  it('Change Image Repository refuses a registry alone, saying what Docker would read and what to write', async () => {
    const manifest = join(workspaceFolder(), 'spin.toml');
    const refused = await vscode.commands.executeCommand<Outcome>('spinkube.changeImageRepository', {
      manifest,
      reference: 'localhost:5000',
    });
    assert.equal(refused?.state, 'failed');
    assert.equal(refused.kind, 'usage');
    assert.equal(
      refused.message,
      "'localhost:5000' is a registry, not a repository: Docker would read it as docker.io/library/localhost:5000. Name the repository too, for example localhost:5000/sample-app.",
    );
  });

  it('a Deploy after Change Image Repository pushes there, and an unchanged redeploy says nothing changed', async () => {
    const folder = workspaceFolder();
    const manifest = join(folder, 'spin.toml');
    ensureSources(folder);
    const changed = await vscode.commands.executeCommand<Outcome>('spinkube.changeImageRepository', {
      manifest,
      reference: `${registry!.host}/sample-app:again`,
    });
    assert.equal(changed?.reference, `${registry!.host}/sample-app:again`);
    const deploy = () =>
      vscode.commands.executeCommand<Outcome>('spinkube.deploy', {
        manifest,
        namespace: 'default',
        executor: 'containerd-shim-spin',
        skipBuild: true,
        confirm: false,
        timeoutSeconds: 120,
      });
    const first = await deploy();
    assert.equal(first?.state, 'ready', JSON.stringify(first));
    assert.equal(first.unchanged, false);
    assert.ok(first.image?.startsWith(`${registry!.host}/sample-app@sha256:`), first.image);
    const second = await deploy();
    assert.equal(second?.state, 'ready', JSON.stringify(second));
    assert.equal(second.unchanged, true);
    assert.equal(second.image, first.image);
    assert.match(
      second.message ?? '',
      /^Nothing changed: sample-app is already running in \S+ \/ default \(\d+ ready\)\.$/,
    );
    await vscode.commands.executeCommand('spinkube.undeploy', {
      name: 'sample-app',
      namespace: 'default',
      confirm: false,
    });
  });

  it("Scaffold's Write spinapp.yaml merges into the existing file and keeps the user's fields", async () => {
    const folder = workspaceFolder();
    const file = join(folder, 'spinapp.yaml');
    const original = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    writeFileSync(
      file,
      [
        '# mine',
        'apiVersion: core.spinkube.dev/v1alpha1',
        'kind: SpinApp',
        'metadata:',
        '  name: sample-app',
        'spec:',
        "  image: 'old/image:1'",
        '  executor: containerd-shim-spin',
        '  replicas: 3',
        '  variables:',
        '    - name: greeting',
        '      value: Hi from me',
        '',
      ].join('\n'),
    );
    try {
      const result = await vscode.commands.executeCommand<Outcome>('spinkube.scaffold', {
        manifest: join(folder, 'spin.toml'),
        reference: 'ghcr.io/you/sample-app:v2',
        target: 'file',
        confirm: false,
      });
      assert.equal(result?.result, 'merged', JSON.stringify(result));
      const written = readFileSync(file, 'utf8');
      assert.match(written, /^# mine\n/);
      assert.match(written, /\n {2}image: 'ghcr\.io\/you\/sample-app:v2'\n/);
      assert.match(written, /\n {2}replicas: 3\n/);
      assert.match(written, /\n {4}- name: greeting\n {6}value: Hi from me\n/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      if (original === undefined) rmSync(file, { force: true });
      else writeFileSync(file, original);
    }
  });
});
