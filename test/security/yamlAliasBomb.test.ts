// Fault: each YAML alias was resolved by walking the whole document, so a SpinApp file with 50,000
// aliases took over a minute to check and stalled the language server and the linter. Aliases
// resolve in one pass now, and a document that expands past the node budget is said to be unchecked.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alias } from 'yaml';
import { LanguageService } from '../../src/language/service';

const URI = 'file:///app/deploy/spinapp.yaml';
const HEAD =
  'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: app\n' +
  'spec:\n  image: &img "ghcr.io/me/app:1"\n  executor: containerd-shim-spin\n  replicas: 1\n';
const BOUND = { timeout: 30_000 };

describe('YAML alias bombs', () => {
  it('checks a document with 50,000 aliases in one pass over it', BOUND, () => {
    const text = `${HEAD}  args:\n${'    - *img\n'.repeat(50_000)}`;
    // Resolving an alias through the yaml package walks the whole document: count those walks.
    const resolve = Alias.prototype.resolve;
    let walks = 0;
    Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias['resolve']>) {
      walks++;
      return resolve.apply(this, args);
    };
    try {
      const diagnostics = new LanguageService().validate({ uri: URI, text });
      assert.ok(Array.isArray(diagnostics));
    } finally {
      Alias.prototype.resolve = resolve;
    }
    assert.equal(walks, 0);
  });

  it('says a document that expands to too many nodes was not checked', BOUND, () => {
    const layers = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      layers.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    }
    const text = `${HEAD}  podLabels:\n${layers.map((l) => `    ${l}\n`).join('')}`;
    const messages = new LanguageService().validate({ uri: URI, text }).map((d) => String(d.message));
    assert.ok(
      messages.some((m) => /it is not checked/.test(m)),
      messages.join('\n'),
    );
  });
});
