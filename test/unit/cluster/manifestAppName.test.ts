import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { manifestAppName } from '../../../src/vscode/cluster/manifestAppName';

describe('spin.toml application name (reveal spin.toml of a SpinApp)', () => {
  it('reads [application] name of a version 2 manifest, not a component name', () => {
    const text =
      'spin_manifest_version = 2\n\n[application]\nauthors = ["a <a@b>"]\nname = "hello-app"\n\n[component.x]\nname = "no"\n';
    assert.equal(manifestAppName(text), 'hello-app');
    assert.equal(manifestAppName('spin_manifest_version = 2\n[application]\nname = "last"'), 'last');
  });

  it('reads the top-level name of a version 1 manifest', () => {
    assert.equal(
      manifestAppName('spin_manifest_version = "1"\nname = "v1app"\n[[component]]\nid = "x"\n'),
      'v1app',
    );
  });

  it('gives undefined when there is no name', () => {
    assert.equal(manifestAppName('[component.x]\nname = "no"\n'), undefined);
    assert.equal(manifestAppName(''), undefined);
  });
});
