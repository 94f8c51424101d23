import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { toPlain } from '../../../src/language/k8sYaml/yaml/ast';
import { parseYamlStream } from '../../../src/language/k8sYaml/yaml/parseYamlStream';
import { referenceFile, referenceFiles } from '../../support/k8sYamlFixtures';

function viaYamlPackage(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null);
}

function viaStream(text: string): unknown[] {
  return parseYamlStream(text)
    .map((d) => toPlain(d.contents))
    .filter((v) => v !== null);
}

const CASES: Record<string, string> = {
  'nested maps and sequences': 'a:\n  b: 1\n  c:\n  - x\n  - y: 2\n    z: "q"\nd: [1, two, "3"]\n',
  'sequence at key indentation': 'list:\n- a\n- b\nnext: true\n',
  'compact nested sequence': '- - a\n  - b\n- c\n',
  'empty values': 'a:\nb: ~\nc: null\nd: ""\n',
  'comments everywhere': '# head\na: 1 # one\n# mid\nb: "x # not a comment" # c\nurl: http://x/#frag\n',
  'scalar types':
    'i: 42\nn: -3\nf: 1.5\ne: 1e3\nh: 0x1F\no: 0o17\nt: True\nf2: FALSE\ninf: .inf\ns: 1.2.3\nv: v1\n',
  'quotes and escapes': "a: \"tab\\tnew\\nline \\u00e9\"\nb: 'it''s'\n\"quoted key\": 1\n'single': 2\n",
  'literal block scalars': 'a: |\n  line1\n  line2\n\nb: |-\n  x\n   y\nc: |+\n  keep\n\nd: x\n',
  'folded block scalars': 'a: >\n  one\n  two\n\n  three\nb: >-\n  x\n  y\n',
  'flow maps': 'a: {b: 1, c: [x, y], "d": null}\ne: {}\nf: []\n',
  'colons inside values': 'image: ghcr.io/foo/bar:v1\nt: 12:30\nk: a:b\n',
  'multi documents': 'a: 1\n---\nb: 2\n...\n---\n# only a comment\n---\nc: [3]\n',
  'crlf line ends': 'a: 1\r\nb:\r\n  c: 2\r\n',
  'anchors defer to the full parser': 'a: &x {k: 1}\nb: *x\n',
  'multi-line plain scalar defers': 'a: one\n  two\nb: 3\n',
  'tag defers': 'a: !!str 3\n',
  'deep seq of maps':
    'spec:\n  variables:\n    - name: a\n      valueFrom:\n        fieldRef:\n          fieldPath: x\n    - name: b\n      value: c\n',
};

for (const [name, text] of Object.entries(CASES)) {
  test(`reading YAML document by document matches the yaml package: ${name}`, () => {
    assert.deepEqual(viaStream(text), viaYamlPackage(text));
  });
}

test('reading YAML document by document matches the yaml package on every corpus YAML file', () => {
  const files = referenceFiles('corpus', 'k8s');
  assert.ok(files.length >= 40, 'the corpus is readable');
  for (const file of files) {
    const text = referenceFile('corpus', 'k8s', file);
    assert.deepEqual(viaStream(text), viaYamlPackage(text), file);
  }
});

test('node ranges point at the source text', () => {
  const text = 'spec:\n  image: "ghcr.io/a:1"\n  replicas: 3\n';
  const [doc] = parseYamlStream(text);
  assert.ok(doc?.contents?.kind === 'map');
  const spec = doc.contents.pairs[0]?.value;
  assert.ok(spec?.kind === 'map');
  const [image, replicas] = spec.pairs;
  assert.equal(text.slice(image?.key.start, image?.key.end), 'image');
  assert.equal(text.slice(image?.value.start, image?.value.end), '"ghcr.io/a:1"');
  assert.equal(text.slice(replicas?.value.start, replicas?.value.end), '3');
});

test('syntax errors come with a position and do not throw', () => {
  const text = 'a: 1\n---\nb: [1, 2\nc: d: e\n';
  const docs = parseYamlStream(text);
  const errors = docs.flatMap((d) => d.errors);
  assert.ok(errors.length > 0);
  for (const e of errors) assert.ok(e.start >= text.indexOf('---') && e.end <= text.length + 1);
  assert.deepEqual(toPlain(docs[0]?.contents), { a: 1 });
});

test('duplicate keys are reported as errors', () => {
  const docs = parseYamlStream('a: 1\na: 2\n');
  assert.match(docs[0]?.errors[0]?.message ?? '', /unique/);
});

test('garbage never throws', () => {
  for (const text of [
    '',
    '\n\n',
    '---',
    ':::',
    '- - - -',
    '"unterminated',
    '{[',
    '\t\tx: 1',
    '\uFEFFa: 1',
    '%YAML 1.2\n---\na: 1',
  ]) {
    assert.doesNotThrow(() => parseYamlStream(text));
  }
});

test('reading YAML document by document agrees with the yaml package on 600 mutated corpus files (seeded)', () => {
  const texts = referenceFiles('corpus', 'k8s').map((f) => referenceFile('corpus', 'k8s', f));
  const pieces = [
    ' ',
    '  ',
    '-',
    ' - ',
    ':',
    ': ',
    '#',
    '"',
    "'",
    '[',
    ']',
    '{',
    '}',
    ',',
    '|',
    '>',
    '\n',
    '\t',
    'a',
    '1',
    'yes',
    '~',
    '&x',
    '*x',
    '!!str ',
    '---\n',
  ];
  let seed = 20261127;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 600; i++) {
    let text = texts[random(texts.length)] as string;
    for (let j = 0; j <= random(3); j++) {
      const at = random(text.length + 1);
      const op = random(3);
      if (op === 0) text = text.slice(0, at) + (pieces[random(pieces.length)] as string) + text.slice(at);
      else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + random(3));
      else {
        const lines = text.split('\n');
        const n = random(lines.length);
        lines[n] = ' '.repeat(random(4)) + (lines[n] as string).trimStart();
        text = lines.join('\n');
      }
    }
    const ours = parseYamlStream(text);
    const theirs = parseAllDocuments(text, { uniqueKeys: true });
    const theirDocs = Array.isArray(theirs) ? theirs : [];
    const ourErrors = ours.some((d) => d.errors.length > 0);
    assert.equal(
      ourErrors,
      theirDocs.some((d) => d.errors.length > 0),
      JSON.stringify(text),
    );
    if (ourErrors) continue;
    let expected: unknown[];
    try {
      expected = theirDocs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
    } catch {
      continue; // an alias the yaml package cannot resolve to plain data
    }
    assert.deepEqual(viaStream(text), expected, JSON.stringify(text));
  }
});

test('an edit re-reads only the document it touches: the others are reused, moved when after it', () => {
  const uri = 'file:///reuse/apps.yaml';
  const before = 'a: 1\n---\nb: 2\n---\nc: 3\n';
  const after = 'a: 1\n---\nb: 22222\n---\nc: 3\n';
  const first = parseYamlStream(before, uri);
  const second = parseYamlStream(after, uri);
  assert.equal(second[0], first[0], 'the document before the edit is the same object');
  assert.notEqual(second[1], first[1]);
  assert.deepEqual(viaStream(after), [{ a: 1 }, { b: 22222 }, { c: 3 }]);
  const moved = second[2];
  assert.ok(moved && moved.contents);
  assert.equal(after.slice(moved.contents.start, moved.contents.end).trim(), 'c: 3');
});

test("a file keeps only its last version's documents: older versions are not held", () => {
  const uri = 'file:///reuse/typing.yaml';
  const v1 = parseYamlStream('name: a\n', uri);
  parseYamlStream('name: ab\n', uri);
  const again = parseYamlStream('name: a\n', uri);
  assert.notEqual(again[0], v1[0], 'version 1 was read anew: nothing kept it');
  assert.deepEqual(toPlain(again[0]?.contents ?? null), { name: 'a' });
});
