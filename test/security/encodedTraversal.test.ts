// Fault: `%2e%2e` path segments in spin.toml passed the `..` check and were then decoded by URL
// parsing, so the diagnostics told an existing file outside the app (/etc/passwd) from a missing
// one. Spin reads `%2e%2e` as a folder of that name; so must the checks.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DiskWorkspaceView } from '../../src/language/diskWorkspace';
import { LanguageService } from '../../src/language/service';
import { tempFolder } from '../support/tempFolder';

const UP = '%2e%2e/'.repeat(12);

function manifest(files: string): string {
  return (
    'spin_manifest_version = 2\n[application]\nname = "t"\n[[trigger.http]]\nroute = "/..."\ncomponent = "c"\n' +
    `[component.c]\nsource = "c.wasm"\n${files}\n`
  );
}

describe('encoded traversal in spin.toml paths', () => {
  const app = tempFolder('spinkube-traversal', { 'c.wasm': '', '%2e%2e/inside.txt': 'x' });
  after(() => app.remove());

  const codes = (text: string): string[] => {
    app.write('spin.toml', text);
    const view = new DiskWorkspaceView([app.path]);
    const uri = app.uri('spin.toml');
    return new LanguageService()
      .validate({ uri, text }, { workspace: view })
      .map((d) => `${d.code} ${d.message}`);
  };

  it('reports a file outside the app as missing, the same as one that does not exist', () => {
    for (const target of ['etc/passwd', 'etc/no-such-file']) {
      const found = codes(manifest(`files = ["${UP}${target}"]`));
      assert.ok(
        found.some((c) => c.startsWith('spin-toml/file-missing')),
        `${target}: ${found.join('; ')}`,
      );
    }
    const placed = codes(manifest(`files = [{ source = "${UP}etc/passwd", destination = "/p" }]`));
    assert.ok(
      placed.some((c) => c.startsWith('spin-toml/file-missing')),
      placed.join('; '),
    );
    const workdir = codes(manifest(`[component.c.build]\ncommand = "make"\nworkdir = "${UP}etc"`));
    assert.ok(
      workdir.some((c) => /does not exist/.test(c)),
      workdir.join('; '),
    );
  });

  it('finds a folder that is really named %2e%2e', () => {
    assert.deepEqual(
      codes(manifest('files = ["%2e%2e/inside.txt"]')).filter((c) => c.startsWith('spin-toml/file')),
      [],
    );
  });
});
