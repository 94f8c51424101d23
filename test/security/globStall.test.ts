// Fault: glob patterns compiled to backtracking regular expressions, so one `files` entry such as
// `*a*a*a*a*a*a*a*a*a*a*b` stalled the linter, the language server and a push for seconds to
// minutes. Each entry point must answer a pathological pattern at once (a stall fails by timeout).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { DiskWorkspaceView } from '../../src/language/diskWorkspace';
import { LanguageService } from '../../src/language/service';
import { packageApp } from '../../src/pipeline/package/packageApp';
import { tempFolder } from '../support/tempFolder';
import { wasmModule } from '../support/wasm';

const STALLING = `${'*a'.repeat(16)}*b`;
const LONG_NAME = `${'a'.repeat(40)}c.txt`;
const BOUND = { timeout: 20_000 };

describe('pathological glob patterns', () => {
  const app = tempFolder('spinkube-glob-stall', {
    'spin.toml':
      'spin_manifest_version = 2\n[application]\nname = "g"\n[[trigger.http]]\nroute = "/..."\ncomponent = "c"\n' +
      `[component.c]\nsource = "c.wasm"\nfiles = ["${STALLING}", "static/*"]\nexclude_files = ["${STALLING}"]\n`,
    [`static/${LONG_NAME}`]: 'x',
    [LONG_NAME]: 'x',
  });
  after(() => app.remove());

  it('the workspace glob of the editor and the linter answers at once', BOUND, () => {
    const view = new DiskWorkspaceView([app.path]);
    assert.deepEqual(view.glob(app.uri(''), STALLING), []);
  });

  it('the spin.toml checks answer at once and call the pattern empty', BOUND, () => {
    const view = new DiskWorkspaceView([app.path]);
    const uri = app.uri('spin.toml');
    const diagnostics = new LanguageService().validate(
      { uri, text: view.readFile(uri) ?? '' },
      { workspace: view },
    );
    assert.ok(diagnostics.some((d) => d.code === 'spin-toml/file-glob-empty'));
  });

  it('packaging for a push answers at once with the files Spin would take', BOUND, async () => {
    writeFileSync(app.file('c.wasm'), wasmModule(20, 'c'));
    const packaged = await packageApp({ manifestPath: app.file('spin.toml') });
    const locked = JSON.parse(packaged.lockedApp.toString('utf8')) as {
      components: { files: { path: string }[] }[];
    };
    assert.deepEqual(
      locked.components[0]?.files.map((f) => f.path),
      [`static/${LONG_NAME}`],
    );
  });
});
