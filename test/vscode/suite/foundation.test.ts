// The foundation, seen from inside the real extension host: the extension activates for a Spin
// workspace, its commands and view are there, the language server answers, and its settings read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  getApi,
  getExtension,
  openFile,
  removeWorkspaceFile,
  spinkubeDiagnostics,
  waitFor,
  writeWorkspaceFile,
} from './helpers';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

const WORKBENCH_VIEW_COMMANDS = ['focus', 'open', 'removeView', 'resetViewLocation', 'toggleVisibility'];

const manifest = (): Manifest => getExtension().packageJSON as Manifest;

describe('foundation', () => {
  it('activates by itself in a workspace that contains a spin.toml', async () => {
    const extension = getExtension();
    await waitFor(() => extension.isActive, 20_000, 'the extension to activate');
    const api = await getApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.language && api.cluster, 'activate() returns the language and cluster features');
  });

  it('registers every command that package.json declares, and no other spinkube.* command', async () => {
    await getApi();
    const contributes = manifest().contributes;
    const declared = contributes.commands.map((c) => c.command).sort();
    // The workbench adds these for every contributed view (e.g. spinkube.cluster.focus).
    const viewCommands = Object.values(contributes.views)
      .flat()
      .flatMap((view) => WORKBENCH_VIEW_COMMANDS.map((suffix) => `${view.id}.${suffix}`));
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('spinkube.') && !viewCommands.includes(id))
      .sort();
    assert.ok(declared.length > 0, 'package.json declares commands');
    const missing = declared.filter((id) => !registered.includes(id));
    const undeclared = registered.filter((id) => !declared.includes(id));
    assert.deepEqual(missing, [], 'declared but not registered');
    assert.deepEqual(undeclared, [], 'registered but not declared in package.json');
  });

  it('shows the Cluster view when the SpinKube container opens', async () => {
    const api = await getApi();
    const views = manifest().contributes.views['spinkube']?.map((v) => v.id) ?? [];
    assert.deepEqual(views, ['spinkube.cluster']);
    await vscode.commands.executeCommand('workbench.view.extension.spinkube');
    await waitFor(() => api.cluster.view.visible, 10_000, 'the Cluster view to become visible');
  });

  it('publishes a language-server diagnostic for a broken spin.toml', async () => {
    const relativePath = 'foundation-broken/spin.toml';
    const uri = await writeWorkspaceFile(relativePath, 'spin_manifest_version = 2\nx = [\n');
    try {
      await openFile(relativePath);
      const diagnostics = await waitFor(
        () => {
          const found = spinkubeDiagnostics(uri);
          return found.length > 0 ? found : undefined;
        },
        20_000,
        'a spinkube diagnostic on the broken spin.toml',
      );
      assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await removeWorkspaceFile('foundation-broken');
    }
  });

  it('reads every setting of package.json with its declared default', () => {
    const properties = manifest().contributes.configuration.properties;
    const settings = vscode.workspace.getConfiguration();
    const keys = Object.keys(properties);
    assert.ok(keys.length > 0, 'package.json declares settings');
    for (const key of keys) {
      assert.ok(key.startsWith('spinkube.'), `${key} is in the spinkube section`);
      const inspected = settings.inspect(key);
      assert.ok(inspected, `${key} is known to VS Code`);
      assert.deepEqual(inspected.defaultValue, properties[key]?.default, `default of ${key}`);
      assert.deepEqual(settings.get(key), properties[key]?.default, `value of ${key}`);
    }
  });
});
