import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { DiagnosticSeverity } from '../../../src/language/types';
import { referenceFile, referenceFiles, summary, yamlDoc } from '../../support/k8sYamlFixtures';

interface CorpusEntry {
  readonly file: string;
  readonly kind: string;
  readonly notes: string;
}

function k8sCorpus(): CorpusEntry[] {
  const rows = referenceFile('corpus', 'SOURCES.tsv').split('\n').slice(1);
  return rows
    .map((row) => row.split('\t'))
    .filter((cols) => cols[0]?.startsWith('k8s/'))
    .map((cols) => ({ file: (cols[0] as string).slice(4), kind: cols[5] ?? '', notes: cols[6] ?? '' }));
}

test('every SpinApp/SpinAppExecutor corpus file gives zero errors', () => {
  const entries = k8sCorpus().filter((e) => e.kind.includes('SpinApp'));
  assert.ok(entries.length >= 38, `found ${entries.length} SpinKube corpus files`);
  for (const entry of entries) {
    const text = referenceFile('corpus', 'k8s', entry.file);
    const diags = k8sYamlLanguage.validate(yamlDoc(text, `file:///corpus/${entry.file}`), {});
    const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(summary(errors), [], entry.file);
  }
});

test('legacy corpus files get exactly one legacy-group warning each, current ones none', () => {
  for (const entry of k8sCorpus().filter((e) => e.kind.includes('SpinApp'))) {
    const text = referenceFile('corpus', 'k8s', entry.file);
    const diags = k8sYamlLanguage.validate(yamlDoc(text, `file:///corpus/${entry.file}`), {});
    const legacy = diags.filter((d) => d.code === 'spinkube/legacy-api-group');
    const expected = text.match(/core\.spinoperator\.dev/g)?.length ?? 0;
    assert.equal(legacy.length, expected, entry.file);
    const others = diags.filter((d) => d.code !== 'spinkube/legacy-api-group');
    assert.deepEqual(summary(others), [], entry.file);
  }
});

test('corpus files without SpinKube documents get no diagnostics at all', () => {
  const entries = k8sCorpus().filter((e) => !e.kind.includes('SpinApp'));
  assert.ok(entries.length >= 4);
  for (const entry of entries) {
    const text = referenceFile('corpus', 'k8s', entry.file);
    assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(text), {}), [], entry.file);
  }
  assert.ok(referenceFiles('corpus', 'k8s').length >= entries.length);
});
