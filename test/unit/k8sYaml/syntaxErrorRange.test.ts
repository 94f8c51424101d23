// Where a YAML syntax error is drawn in a SpinApp file: on the offending token, to the end of its
// line, never as a zero-width squiggle at the start of an empty last line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type { Diagnostic } from '../../../src/language/types';
import { spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';

function syntaxErrors(text: string): Diagnostic[] {
  return k8sYamlLanguage.validate(yamlDoc(text), {}).filter((d) => d.code === 'yaml/syntax');
}

/** The text each syntax error underlines, with its line (0-based). */
function underlined(text: string): string[] {
  return syntaxErrors(text).map((d) => `${d.range.start.line}: ${textAt(text, d.range)}`);
}

test('an unclosed quote is drawn on the opening quote and the rest of its line', () => {
  const text = spinApp('  image: "ghcr.io/a/b:v1\n  executor: containerd-shim-spin\n  replicas: 1\n');
  assert.deepEqual(underlined(text), ['5: "ghcr.io/a/b:v1']);
});

test('an unclosed flow sequence is drawn from its opening bracket', () => {
  const text = spinApp('  executor: containerd-shim-spin\n  image: ghcr.io/a/b:v1\n  replicas: [1, 2\n');
  const [first] = underlined(text);
  assert.equal(first, '7: [1, 2');
});

test('a key indented wrongly is drawn on that key and its value, not on the spaces before it', () => {
  const text = spinApp('  replicas: 1\n image: ghcr.io/a/b:v1\n');
  assert.deepEqual(underlined(text), ['6: image: ghcr.io/a/b:v1']);
});

test('a duplicate key is drawn on the whole repeated entry', () => {
  const text = spinApp('  replicas: 1\n  replicas: 2\n  image: a\n  executor: e\n');
  assert.deepEqual(underlined(text), ['6: replicas: 2']);
});

test('a tab used as indentation is drawn from the tab', () => {
  const text = spinApp('\treplicas: 2\n');
  const errors = syntaxErrors(text);
  assert.ok(errors.length >= 1);
  assert.equal(errors[0]?.range.start.line, 5);
  assert.equal(textAt(text, errors[0]!.range), '\treplicas: 2');
});

test('no syntax error is zero-width', () => {
  const broken = [
    spinApp('  image: "abc\n'),
    spinApp("  image: 'abc\n"),
    spinApp('  image: {a: 1\n'),
    spinApp('  image: x\n  - a\n'),
    spinApp('  image: x\n   y: z\n'),
  ];
  for (const text of broken) {
    const errors = syntaxErrors(text);
    assert.ok(errors.length >= 1, text);
    for (const d of errors) {
      assert.ok(
        textAt(text, d.range).trim().length > 0,
        `${JSON.stringify(text)} → ${JSON.stringify(d.range)}`,
      );
    }
  }
});
