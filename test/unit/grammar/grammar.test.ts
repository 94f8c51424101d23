import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scopeOf, tokenize } from './tokenize';

const MANIFEST = `# A Spin app
spin_manifest_version = 2

[application]
name = "hello"
version = "1.0.0"
authors = ['Ada <ada@example.com>']

[variables]
api_key = { required = true, secret = true }
retries = { default = "3" }

[[trigger.http]]
route = "/..."
component = "hello-js"

[component.hello-js]
source = "dist/hello.wasm"
allowed_outbound_hosts = ["https://{{ api_host }}:443"]
environment = { MODE = 'prod' } # inline table
[component.hello-js.variables]
key = "{{ api_key }}"
[component.hello-js.build]
command = ["npm install", "npm run build"]
watch = [
  "src/**/*.js",
]
description = """
multi "line" \\n {{ retries }}
"""
raw = '''C:\\no\\escape'''
hex = 0xDEAD_beef
big = 1_000
ratio = -3.5e2
nothing = nan
when = 1979-05-27T07:32:00Z
day = 1979-05-27
"quoted key".part = false
`;

test('tables, arrays of tables and their keys are sections', async () => {
  const lines = await tokenize(MANIFEST);
  assert.equal(scopeOf(lines, 'application'), 'entity.name.section.toml');
  assert.equal(scopeOf(lines, '[['), 'punctuation.definition.array.table.toml');
  assert.equal(scopeOf(lines, 'trigger'), 'entity.name.section.toml');
  assert.equal(scopeOf(lines, 'hello-js', 1), 'entity.name.section.toml');
  assert.ok(lines[3]!.every((t) => t.scopes.includes('meta.table.toml')));
});

test('keys, strings, numbers, booleans and dates get their scopes', async () => {
  const lines = await tokenize(MANIFEST);
  assert.equal(scopeOf(lines, 'spin_manifest_version'), 'variable.other.key.toml');
  assert.equal(scopeOf(lines, '2'), 'constant.numeric.toml');
  assert.equal(scopeOf(lines, 'hello'), 'string.quoted.double.toml');
  assert.equal(scopeOf(lines, 'Ada <ada@example.com>'), 'string.quoted.single.literal.toml');
  assert.equal(scopeOf(lines, 'true'), 'constant.language.boolean.toml');
  assert.equal(scopeOf(lines, '0xDEAD_beef'), 'constant.numeric.integer.hex.toml');
  assert.equal(scopeOf(lines, '1_000'), 'constant.numeric.toml');
  assert.equal(scopeOf(lines, '-3.5e2'), 'constant.numeric.toml');
  assert.equal(scopeOf(lines, 'nan'), 'constant.numeric.float.special.toml');
  assert.equal(scopeOf(lines, '1979-05-27T07:32:00Z'), 'constant.other.datetime.toml');
  assert.equal(scopeOf(lines, '1979-05-27'), 'constant.other.datetime.toml');
  assert.equal(scopeOf(lines, 'false'), 'constant.language.boolean.toml');
});

test('keys inside inline tables are keys, and comments after values are comments', async () => {
  const lines = await tokenize(MANIFEST);
  assert.equal(scopeOf(lines, 'required'), 'variable.other.key.toml');
  assert.equal(scopeOf(lines, 'MODE'), 'variable.other.key.toml');
  const commentLine = lines.find((l) => l.some((t) => t.text.includes('inline table')));
  assert.ok(commentLine?.some((t) => t.scopes.includes('comment.line.number-sign.toml')));
});

test('multi-line basic and literal strings span their lines; escapes only in basic ones', async () => {
  const lines = await tokenize(MANIFEST);
  const inner = lines.find((l) => l.some((t) => t.text.startsWith('multi')));
  assert.ok(inner?.every((t) => t.scopes.includes('string.quoted.triple.double.toml')));
  assert.equal(scopeOf(lines, '\\n'), 'constant.character.escape.toml');
  const raw = lines.find((l) => l.some((t) => t.text.includes('C:')));
  assert.ok(raw?.some((t) => t.scopes.includes('string.quoted.triple.single.literal.toml')));
  assert.ok(!raw?.some((t) => t.scopes.includes('constant.character.escape.toml')));
  // The line after the multi-line string is a key again.
  assert.equal(scopeOf(lines, 'raw'), 'variable.other.key.toml');
});

test('{{ variable }} templates inside strings are highlighted', async () => {
  const lines = await tokenize(MANIFEST);
  assert.equal(scopeOf(lines, 'api_host'), 'variable.other.spin');
  assert.equal(scopeOf(lines, 'api_key', 1), 'variable.other.spin');
  assert.equal(scopeOf(lines, 'retries', 1), 'variable.other.spin');
  assert.equal(scopeOf(lines, '{{'), 'punctuation.definition.template-expression.begin.spin');
});

test('arrays spanning lines keep their strings and the next key is recognised', async () => {
  const lines = await tokenize(MANIFEST);
  assert.equal(scopeOf(lines, 'src/**/*.js'), 'string.quoted.double.toml');
  assert.equal(scopeOf(lines, 'description'), 'variable.other.key.toml');
  assert.equal(scopeOf(lines, 'quoted key'), 'string.quoted.double.key.toml');
  assert.equal(scopeOf(lines, 'part'), 'variable.other.key.toml');
});
