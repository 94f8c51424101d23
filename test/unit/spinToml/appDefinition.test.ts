// The app a spin.toml defines, as the pipeline reads it: the language model without positions.
// Checked against Spin's own snapshots (normalization, v1 → v2) in the shared corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appDefinition, type AppDefinition } from '../../../src/language/spinToml/appDefinition';
import { buildModel } from '../../../src/language/spinToml/model';
import { parseSpinToml } from '../../../src/language/spinToml/parse';
import { appManifestFromText } from '../../../src/pipeline/appManifest';
import { corpusFiles, readCorpus } from './corpus';

const modelOf = (text: string) => buildModel(parseSpinToml(text));

function definitionOf(text: string): AppDefinition {
  const app = appDefinition(modelOf(text));
  assert.ok(app, 'the text parses');
  return app;
}

test("trigger ids and hoisted inline components follow Spin's normalization snapshot", () => {
  const text = readCorpus('spin-toml', 'spin__crates_manifest_tests_ui_normalization.toml');
  const normalized = modelOf(readCorpus('spin-toml-expected', 'manifest-ui__normalization.toml.norm'));
  const model = modelOf(text);
  assert.deepEqual(
    model.triggers.map((t) => t.effectiveId),
    normalized.triggers.map((t) => t.id?.value),
  );
  assert.deepEqual(
    model.components.map((c) => c.id),
    normalized.components.map((c) => c.id),
  );
  const app = definitionOf(text);
  const spin = definitionOf(readCorpus('spin-toml-expected', 'manifest-ui__normalization.toml.norm'));
  assert.deepEqual(
    app.triggers.map((t) => ({ ...t, config: { ...t.config, components: t.config['components'] } })),
    spin.triggers.map((t) => ({
      ...t,
      // Spin's snapshot writes a single spec as it was written; the lock file has lists.
      config: {
        ...t.config,
        components:
          t.config['components'] &&
          Object.fromEntries(Object.entries(t.config['components']).map(([k, v]) => [k, [v].flat()])),
      },
    })),
  );
});

test('a trigger without an id does not take the id another trigger sets explicitly further down', () => {
  const model = modelOf(
    [
      'spin_manifest_version = 2',
      '[application]',
      'name = "a"',
      '[[trigger.http]]',
      'route = "/one"',
      'component = "hello"',
      '[[trigger.http]]',
      'id = "hello-http-trigger"',
      'route = "/two"',
      'component = "hello"',
      '[component.hello]',
      'source = "hello.wasm"',
    ].join('\n'),
  );
  assert.deepEqual(
    model.triggers.map((t) => t.effectiveId),
    ['http-trigger1', 'hello-http-trigger'],
  );
});

test('an inline component whose natural id is not a valid id gets inline-component<N>', () => {
  const app = definitionOf(
    [
      'spin_manifest_version = 2',
      '[application]',
      'name = "a"',
      '[[trigger.http]]',
      'id = "Admin_Handler"',
      'route = "/..."',
      'component = { source = "admin.wasm" }',
    ].join('\n'),
  );
  assert.deepEqual(
    app.components.map((c) => c.id),
    ['inline-component1'],
  );
  assert.equal(app.triggers[0]?.config['component'], 'inline-component1');
});

// Spin's own v1 → v2 snapshots: the pipeline reads a v1 file exactly as it reads Spin's conversion.
const pairs = corpusFiles('spin-toml-expected', '.toml.v2').map((v2) => ({
  v1: `spin__crates_manifest_tests_ui_v1_${v2.replace(/^manifest-ui__v1_/, '').replace(/\.toml\.v2$/, '')}.toml`,
  v2,
}));

for (const { v1, v2 } of pairs) {
  test(`the pipeline reads ${v1} as it reads Spin's conversion ${v2}`, () => {
    const fromV1 = appManifestFromText(readCorpus('spin-toml', v1), '/app/spin.toml');
    const fromV2 = appManifestFromText(readCorpus('spin-toml-expected', v2), '/app/spin.toml');
    assert.equal(fromV1.manifestVersion, 1);
    assert.deepEqual({ ...fromV1, manifestVersion: 2 }, fromV2);
  });
}
