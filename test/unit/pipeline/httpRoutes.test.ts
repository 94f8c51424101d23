// Which path Port-Forward opens in the browser: the app's first public HTTP route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appManifestFromText } from '../../../src/pipeline/appManifest';
import { firstRoutePath, routePath } from '../../../src/pipeline/httpRoutes';
import { repoRoot } from '../../support/k8sYamlFixtures';

test("Spin's route patterns become the path a browser opens", () => {
  assert.equal(routePath('/hello/...'), '/hello/');
  assert.equal(routePath('/...'), '/');
  assert.equal(routePath('/'), '/');
  assert.equal(routePath('/api/users/:id'), '/api/users/');
  assert.equal(routePath('/exact/path'), '/exact/path');
  assert.equal(routePath('/a/:x/...'), '/a/');
});

test('the sample app opens at its first route, /hello/, not at / (a real Spin app answers 404 there)', () => {
  const path = join(repoRoot, 'sample', 'spin.toml');
  const manifest = appManifestFromText(readFileSync(path, 'utf8'), path);
  assert.equal(firstRoutePath(manifest), '/hello/');
});

test('private routes are skipped; an app without a public route opens at /', () => {
  const text = `spin_manifest_version = 2
[application]
name = "x"
[[trigger.http]]
route = { private = true }
component = "internal"
[[trigger.http]]
route = "/public/..."
component = "internal"
[component.internal]
source = "a.wasm"
`;
  assert.equal(firstRoutePath(appManifestFromText(text, '/tmp/x/spin.toml')), '/public/');
  assert.equal(firstRoutePath({ triggers: [] }), '/');
});
