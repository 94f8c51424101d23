// What a fresh window offers before any SpinKube feature has loaded. This file's name sorts
// first, so its tests run before any other suite loads the explorer and pipeline bundle.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { getExtension, waitFor } from './helpers';

/** Whether a sibling bundle of dist/extension.js has been loaded into the extension host. */
function bundleLoaded(name: string): boolean {
  const expected = path.join(getExtension().extensionPath, 'dist', name);
  return Object.keys(require.cache).some((file) => path.resolve(file) === expected);
}

describe('activation', () => {
  it('lists spin build tasks under Run Task in a fresh window, loading the pipeline only then', async () => {
    const extension = getExtension();
    await waitFor(() => extension.isActive, 20_000, 'the extension to activate');
    assert.equal(bundleLoaded('features.js'), false, 'the pipeline is not loaded at activation');
    const tasks = await vscode.tasks.fetchTasks({ type: 'spin' });
    assert.ok(
      tasks.some((t) => t.name === 'build' && t.source === 'spin'),
      `a spin build task among: ${tasks.map((t) => `${t.source}:${t.name}`).join(', ')}`,
    );
    assert.equal(bundleLoaded('features.js'), true, 'asking for tasks loaded the pipeline');
  });
});
