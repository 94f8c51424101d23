// Fault: packaging followed symbolic links out of the app folder, so a repository holding
// `static/logo.png → ~/.ssh/id_rsa` pushed the key to the registry. A file that resolves outside
// the app folder now fails the packaging, named, unless explicitly allowed (then with a warning).
import * as assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { PipelineError, type PipelineEvent } from '../../src/pipeline/events';
import { packageApp } from '../../src/pipeline/package/packageApp';
import { tempFolder } from '../support/tempFolder';
import { wasmModule } from '../support/wasm';

function manifest(files: string): string {
  return (
    'spin_manifest_version = 2\n[application]\nname = "s"\n[[trigger.http]]\nroute = "/..."\ncomponent = "web"\n' +
    `[component.web]\nsource = "web.wasm"\nfiles = ${files}\n`
  );
}

describe('symbolic links out of the app folder', () => {
  const secrets = tempFolder('spinkube-home', { '.ssh/id_rsa': 'PRIVATE KEY', 'docs/a.txt': 'a' });
  const app = tempFolder('spinkube-symlink', { 'static/index.html': '<p>', 'inner/real.txt': 'ok' });
  writeFileSync(app.file('web.wasm'), wasmModule(20, 'web'));
  symlinkSync(secrets.file('.ssh/id_rsa'), app.file('static/logo.png'));
  symlinkSync(secrets.file('docs'), app.file('static/docs'));
  symlinkSync(app.file('inner/real.txt'), app.file('static/alias.txt'));
  after(() => {
    app.remove();
    secrets.remove();
  });

  const lockedPaths = async (
    files: string,
    allow = false,
    events: PipelineEvent[] = [],
  ): Promise<string[]> => {
    app.write('spin.toml', manifest(files));
    const packaged = await packageApp({
      manifestPath: app.file('spin.toml'),
      allowFilesOutsideApp: allow,
      onEvent: (e) => events.push(e),
    });
    const locked = JSON.parse(packaged.lockedApp.toString('utf8')) as {
      components: { files: { path: string }[] }[];
    };
    return locked.components[0]?.files.map((f) => f.path) ?? [];
  };

  for (const files of [
    '["static"]',
    '["static/*"]',
    '["static/**/*"]',
    '[{ source = "static", destination = "/" }]',
    '["static/logo.png"]',
  ]) {
    it(`refuses, naming the file, for files = ${files}`, async () => {
      const error = await lockedPaths(files).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof PipelineError, `no error for ${files}`);
      assert.match(error.message, /logo\.png → outside the app folder/);
      assert.match(error.message, /--allow-outside-files/);
      assert.doesNotMatch(error.message, /PRIVATE KEY/);
    });
  }

  it('takes links that stay inside the app folder', async () => {
    assert.deepEqual(await lockedPaths('["static/index.html", "static/alias.txt"]'), [
      'static/alias.txt',
      'static/index.html',
    ]);
  });

  it('pushes outside files only when allowed, with a warning naming each', async () => {
    const events: PipelineEvent[] = [];
    const paths = await lockedPaths('["static/*"]', true, events);
    assert.ok(paths.includes('static/logo.png'));
    const warnings = events.flatMap((e) => (e.type === 'output' ? [e.line] : []));
    assert.ok(
      warnings.some((w) => /static\/logo\.png → outside the app folder/.test(w)),
      warnings.join('\n'),
    );
  });
});
