import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceView } from '../../../src/language/types';
import { BASE, check, expectNone, expectOne } from './helpers';

const component = (extra: string) => BASE.replace('source = "web.wasm"', `source = "web.wasm"\n${extra}`);

function workspace(files: Record<string, string | null>): WorkspaceView {
  return {
    readFile: (uri) => files[uri] ?? undefined,
    exists: (uri) => uri in files,
    spinManifests: () => ['file:///app/spin.toml'],
    glob: (_base, pattern) => (pattern === 'static/**/*' ? ['file:///app/static/index.html'] : []),
  };
}

test('file patterns ending in . or .. are errors', () => {
  expectOne(
    component('files = ["assets/.."]'),
    'spin-toml/file-pattern',
    '"assets/.."',
    "can't end in a parent directory path (..)",
  );
  expectOne(
    component('files = ["."]'),
    'spin-toml/file-pattern',
    '"."',
    "can't end in a current directory path (.)",
  );
});

test('files outside the application folder are errors', () => {
  expectOne(
    component('files = ["../secrets/*"]'),
    'spin-toml/file-outside-app',
    '"../secrets/*"',
    'outside the application directory',
  );
  expectOne(
    component('files = [{ source = "/etc", destination = "/etc" }]'),
    'spin-toml/file-outside-app',
    '"/etc"',
    'outside the application directory',
  );
});

test('mapping destinations must be absolute', () => {
  expectOne(
    component('files = [{ source = "a", destination = "b" }]'),
    'spin-toml/file-destination',
    '"b"',
    'must be an absolute path',
  );
});

test('with a workspace, missing files are errors; without one nothing is assumed', () => {
  const text = component('files = ["static/**/*", "README.md", "missing.txt", "nothing/*.x"]');
  const ws = workspace({ 'file:///app/README.md': '# hi' });
  expectOne(
    text,
    'spin-toml/file-missing',
    '"missing.txt"',
    "does not exist and doesn't appear to be a glob pattern",
    { workspace: ws },
  );
  const globs = check(text, { workspace: ws }).filter(
    (d) => d.code === 'spin-toml/file-glob-empty' && d.severity === 2,
  );
  assert.equal(globs.length, 1);
  assert.match(String(globs[0]?.message), /"nothing\/\*\.x" matches no files/);
  expectNone(text, 'spin-toml/file-missing');
});

test('bad exclude_files globs are errors', () => {
  expectOne(
    component('exclude_files = ["[abc"]'),
    'spin-toml/exclude-glob',
    '"[abc"',
    'Invalid exclude_files glob pattern',
  );
});

test('sources: digest prefix, url without digest, registry versions', () => {
  expectOne(
    BASE.replace('source = "web.wasm"', 'source = { url = "https://x/a.wasm", digest = "md5:1" }'),
    'spin-toml/digest',
    '"md5:1"',
    "must start with 'sha256:'",
  );
  expectOne(
    BASE.replace('source = "web.wasm"', 'source = { url = "https://x/a.wasm" }'),
    'spin-toml/source',
    '{ url = "https://x/a.wasm" }',
    'needs a `digest',
  );
  expectOne(
    BASE.replace('source = "web.wasm"', 'source = { package = "a:b", version = "^1.0" }'),
    'spin-toml/package-version',
    '"^1.0"',
    'invalid semantic version ("^1.0")',
  );
  expectNone(
    BASE.replace(
      'source = "web.wasm"',
      'source = { registry = "ghcr.io", package = "a:b", version = "1.2.3" }',
    ),
    'spin-toml/package-version',
  );
});

test('build workdir must be relative', () => {
  const text = `${BASE}[component.web.build]\ncommand = "make"\nworkdir = "/abs"\n`;
  expectOne(text, 'spin-toml/build-workdir', '"/abs"', 'must be relative');
  expectNone(`${BASE}[component.web.build]\ncommand = "make"\nworkdir = "web"\n`, 'spin-toml/build-workdir');
  expectOne(
    `${BASE}[component.web.build]\nworkdir = "web"\n`,
    'spin-toml/missing-key',
    'build',
    'missing field `command`',
  );
});
