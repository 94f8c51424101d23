// The disk workspace view and the manifest search the server and the linter share.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiskWorkspaceView } from '../../src/language/diskWorkspace';
import { findManifestFiles } from '../../src/language/manifestFiles';

describe('workspace files', () => {
  let root: string;
  const uri = (...parts: string[]): string => pathToFileURL(path.join(root, ...parts)).href;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'spinkube-ws-'));
    for (const dir of ['app/static/css', 'node_modules/x', '.git', 'k8s']) {
      mkdirSync(path.join(root, dir), { recursive: true });
    }
    writeFileSync(path.join(root, 'app', 'spin.toml'), 'spin_manifest_version = 2\n');
    writeFileSync(path.join(root, 'app', 'static', 'index.html'), '<p>');
    writeFileSync(path.join(root, 'app', 'static', 'css', 'site.css'), 'p{}');
    writeFileSync(path.join(root, 'node_modules', 'x', 'spin.toml'), '');
    writeFileSync(path.join(root, '.git', 'config.yaml'), '');
    writeFileSync(path.join(root, 'k8s', 'app.yaml'), 'kind: SpinApp\n');
    writeFileSync(path.join(root, 'k8s', 'notes.txt'), '');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds spin.toml and YAML files, skipping node_modules and .git', async () => {
    const found = (await findManifestFiles([root])).map((f) => path.relative(root, f));
    assert.deepEqual(found, [path.join('app', 'spin.toml'), path.join('k8s', 'app.yaml')]);
  });

  it('reads open documents before the disk and lists every spin.toml', () => {
    const openUri = uri('new', 'spin.toml');
    const view = new DiskWorkspaceView([root], {
      textOf: (u) => (u === openUri ? 'unsaved' : undefined),
      openUris: () => [openUri],
    });
    assert.equal(view.readFile(openUri), 'unsaved');
    assert.equal(view.exists(openUri), true);
    assert.equal(view.readFile(uri('k8s', 'app.yaml')), 'kind: SpinApp\n');
    assert.equal(view.readFile(uri('k8s', 'missing.yaml')), undefined);
    assert.equal(view.exists(uri('app', 'static')), true);
    assert.deepEqual([...view.spinManifests()].sort(), [uri('app', 'spin.toml'), openUri].sort());
  });

  it('sees files created after a refresh', () => {
    const view = new DiskWorkspaceView([root]);
    assert.equal(view.spinManifests().length, 1);
    mkdirSync(path.join(root, 'second'));
    writeFileSync(path.join(root, 'second', 'spin.toml'), '');
    assert.equal(view.spinManifests().length, 1, 'the list is cached');
    view.refresh();
    assert.equal(view.spinManifests().length, 2);
  });

  it('expands the glob patterns of `files`', () => {
    const view = new DiskWorkspaceView([root]);
    const base = uri('app');
    const rel = (uris: readonly string[]): string[] =>
      uris.map((u) => path.relative(path.join(root, 'app'), new URL(u).pathname)).sort();
    assert.deepEqual(rel(view.glob(base, 'static/**/*')), [
      path.join('static', 'css', 'site.css'),
      path.join('static', 'index.html'),
    ]);
    assert.deepEqual(rel(view.glob(base, 'static/*.html')), [path.join('static', 'index.html')]);
    assert.deepEqual(view.glob(base, 'nothing/**'), []);
    // Only the folders a pattern can reach are read, with the same results as reading them all.
    assert.deepEqual(rel(view.glob(base, '*.toml')), ['spin.toml']);
    assert.deepEqual(rel(view.glob(base, '**/*.css')), [path.join('static', 'css', 'site.css')]);
    assert.deepEqual(rel(view.glob(base, 'static/*/*.css')), [path.join('static', 'css', 'site.css')]);
    assert.deepEqual(rel(view.glob(base, 's*/**/*.html')), [path.join('static', 'index.html')]);
    assert.deepEqual(rel(view.glob(base, '[s]tatic/[!x]*/*.css')), [path.join('static', 'css', 'site.css')]);
    // Spin's loader has no brace sets: `{a,b}` is literal, as the push packs it.
    assert.deepEqual(rel(view.glob(base, '*.{toml,yaml}')), []);
    assert.deepEqual(rel(view.glob(base, '{static,x}/*.{html,css}')), []);
  });
});
