// Formatting spin.toml: taplo's conventions, comments kept, the same data after formatting (every
// corpus manifest), formatting twice changes nothing, range formatting, and no edits on broken TOML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import { formatText } from '../../../src/language/spinToml/format/formatDocument';
import {
  DEFAULT_FORMAT_OPTIONS,
  formatOptionsFrom,
} from '../../../src/language/spinToml/format/formatOptions';
import type { FormatSettings, Range } from '../../../src/language/types';
import { corpusFiles, readCorpus } from './corpus';
import { applyEdits, URI } from './helpers';

function format(text: string, settings: FormatSettings = {}, range?: Range): string {
  const edits = spinTomlLanguage.format?.({ uri: URI, text }, range, { format: settings }) ?? [];
  return applyEdits(text, edits);
}

test('taplo conventions: spacing around =, one blank line before tables, no indentation, one final newline', () => {
  const text =
    '\n\nspin_manifest_version=2\n[application]\n   name   =  "app"\n[component.web]\nsource="web.wasm"';
  assert.equal(
    format(text),
    'spin_manifest_version = 2\n\n[application]\nname = "app"\n\n[component.web]\nsource = "web.wasm"\n',
  );
});

test('arrays: one line when they fit, else one item per line with a trailing comma; inline tables spaced', () => {
  const text = `files = [ "a" ,"b"  ]\nenvironment = {A="1",B = "2"}\nempty = [ ]\nnone = {}\nallowed_outbound_hosts = ["https://first.example.com", "https://second.example.com", "redis://cache:6379"]\n`;
  assert.equal(
    format(text),
    `files = ["a", "b"]\nenvironment = { A = "1", B = "2" }\nempty = []\nnone = {}\nallowed_outbound_hosts = [\n  "https://first.example.com",\n  "https://second.example.com",\n  "redis://cache:6379",\n]\n`,
  );
  // A multi-line array that fits is put back on one line.
  assert.equal(
    format('watch = [\n  "src/**/*.rs",\n  "Cargo.toml",\n]\n'),
    'watch = ["src/**/*.rs", "Cargo.toml"]\n',
  );
});

test('the settings: column width, trailing comma, blank lines kept', () => {
  const text = 'a = ["one", "two", "three"]\n\n\n\n\nb = 1\n';
  assert.equal(
    format(text, { columnWidth: 20, arrayTrailingComma: false, allowedBlankLines: 1 }),
    'a = [\n  "one",\n  "two",\n  "three"\n]\n\nb = 1\n',
  );
  assert.equal(format(text), 'a = ["one", "two", "three"]\n\n\nb = 1\n');
  assert.deepEqual(formatOptionsFrom({ columnWidth: 'wide', allowedBlankLines: -1 }), DEFAULT_FORMAT_OPTIONS);
});

test('comments are kept: on their own line, after a statement, inside arrays, above a table', () => {
  const text = `# app manifest
spin_manifest_version = 2   # the version
# about the app
[application]
name = "app"
# above the component
[component.web]
source = "web.wasm"
allowed_outbound_hosts = [ # hosts
  "https://a.example.com", # first
  # "https://b.example.com",
  "https://c.example.com" ]
# at the end
`;
  assert.equal(
    format(text),
    `# app manifest
spin_manifest_version = 2 # the version

# about the app
[application]
name = "app"

# above the component
[component.web]
source = "web.wasm"
allowed_outbound_hosts = [ # hosts
  "https://a.example.com", # first
  # "https://b.example.com",
  "https://c.example.com",
]
# at the end
`,
  );
});

test('strings of every style, numbers, dates and quoted keys are kept as written', () => {
  const text = `"component:greeter" = {path="./g.wasm"}\na.'b c' = 'literal'\nm = """\nline 1\n  line 2"""\nn = 0x1F\nd = 1979-05-27T07:32:00Z\n`;
  assert.equal(
    format(text),
    `"component:greeter" = { path = "./g.wasm" }\na.'b c' = 'literal'\nm = """\nline 1\n  line 2"""\nn = 0x1F\nd = 1979-05-27T07:32:00Z\n`,
  );
  assert.equal(format('a = 1\r\n[t]\r\nb = 2'), 'a = 1\r\n\r\n[t]\r\nb = 2\r\n');
});

test('range formatting changes only the statements in the range', () => {
  const text = 'a=1\nb=2\nc=3\n';
  assert.equal(
    format(text, {}, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }),
    'a=1\nb = 2\nc=3\n',
  );
});

test('a document with a syntax error is left alone', () => {
  assert.deepEqual(spinTomlLanguage.format?.({ uri: URI, text: 'a = = 1\nb=2\n' }, undefined, {}), []);
});

test('every corpus manifest formats to the same data, and formatting again changes nothing', () => {
  let count = 0;
  for (const folder of ['spin-toml', 'spin-toml-invalid']) {
    for (const file of corpusFiles(folder)) {
      const text = readCorpus(folder, file);
      const formatted = formatText(text, DEFAULT_FORMAT_OPTIONS);
      if (formatted === undefined) continue; // not valid TOML: nothing to format
      count++;
      assert.deepEqual(
        getStaticTOMLValue(parseTOML(formatted)),
        getStaticTOMLValue(parseTOML(text)),
        `${folder}/${file}: same data`,
      );
      assert.equal(format(formatted), formatted, `${folder}/${file}: formatting twice changes nothing`);
      const comments = (s: string) => parseTOML(s).comments.map((c) => c.value.trim());
      assert.deepEqual(comments(formatted), comments(text), `${folder}/${file}: every comment kept`);
    }
  }
  assert.ok(count >= 73, `formatted ${count} corpus manifests`);
});
