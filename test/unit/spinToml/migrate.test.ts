import { test } from 'node:test';
import assert from 'node:assert/strict';
import TOML from '@iarna/toml';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import { corpusFiles, readCorpus } from './corpus';
import { applyWorkspaceEdit, check, URI } from './helpers';

// Spin's own v1 → v2 snapshots (`.toml.v2`): our migration must produce the same data.
const pairs = corpusFiles('spin-toml-expected', '.toml.v2').map((v2) => ({
  v1: `spin__crates_manifest_tests_ui_v1_${v2.replace(/^manifest-ui__v1_/, '').replace(/\.toml\.v2$/, '')}.toml`,
  v2,
}));

test('there are v1 snapshots to compare with', () => {
  assert.ok(pairs.length >= 4);
});

for (const { v1, v2 } of pairs) {
  test(`migrating ${v1} gives Spin's ${v2}`, () => {
    const text = readCorpus('spin-toml', v1);
    const info = check(text).find((d) => d.code === 'spin-toml/v1-manifest');
    assert.ok(info, 'the v1 manifest gets the migration information');
    const [action] = spinTomlLanguage.codeActions?.({ uri: URI, text }, info.range, [info], {}) ?? [];
    assert.equal(action?.title, 'Migrate to manifest version 2');
    const migrated = applyWorkspaceEdit(text, action?.edit);
    assert.deepEqual(TOML.parse(migrated), TOML.parse(readCorpus('spin-toml-expected', v2)));
    assert.deepEqual(
      check(migrated).filter((d) => d.severity === 1),
      [],
    );
  });
}
