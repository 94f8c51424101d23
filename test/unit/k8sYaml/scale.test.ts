import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';

// Speed is measured by the benchmarks; this checks that a large file is read completely and that
// every diagnostic lands in its own document.
test('1,000 SpinApp documents: every planted error is found at its own line', () => {
  const docs: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const replicas = i % 10 === 0 ? 'many' : '2';
    docs.push(
      spinApp(
        `  image: ghcr.io/a/app:${i}\n  executor: containerd-shim-spin\n  replicas: ${replicas}\n`,
        `app-${i}`,
      ),
    );
  }
  const text = docs.join('---\n');
  const diags = k8sYamlLanguage.validate(yamlDoc(text), {});
  assert.equal(diags.length, 100);
  diags.forEach((d, n) => {
    assert.equal(d.code, 'spinapp/invalid-type');
    assert.equal(d.range.start.line, n * 10 * 9 + 7);
    assert.equal(textAt(text, d.range), 'many');
  });
});
