// References of a spin.toml component id or variable also list the SpinApp YAML places that name it:
// `spec.components` items and `spec.variables[].name`, in the YAML files of the spin.toml's folder
// and of the folders right below it, for SpinApps the cross-file checks pair with this spin.toml.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../../src/language/service';
import type { LanguageContext, Location, SourceDocument } from '../../../src/language/types';
import { textAt } from '../../support/k8sYamlFixtures';
import { MemoryWorkspace } from '../../support/memoryWorkspace';
import { positionOf } from '../../support/textPosition';

const MANIFEST_URI = 'file:///project/app/spin.toml';
const MANIFEST = `spin_manifest_version = 2

[application]
name = "hello"

[variables]
api_key = { required = true }

[[trigger.http]]
route = "/..."
component = "api"

[component.api]
source = "api.wasm"
variables = { key = "{{ api_key }}" }
`;

const app = (name: string, components: string, variables = '') => `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: ${name}
spec:
  image: ghcr.io/a/${name}:v1
  executor: containerd-shim-spin
  replicas: 1
  components: ${components}
${variables}`;

const NEXT_TO_IT = app('hello', '[api, other]', '  variables:\n    - name: API_KEY\n      value: x\n');
const BELOW_IT = app('hello', '["api"]');
const ANOTHER_APP_BELOW = app('someone-else', '[api]');
const TWO_FOLDERS_BELOW = app('hello', '[api]');
const OTHER_PROJECT_MANIFEST = MANIFEST.replace('name = "hello"', 'name = "elsewhere"');
const OTHER_PROJECT_APP = app('elsewhere', '[api]');

const FILES: Record<string, string> = {
  [MANIFEST_URI]: MANIFEST,
  'file:///project/app/spinapp.yaml': NEXT_TO_IT,
  'file:///project/app/deploy/canary.yml': BELOW_IT,
  'file:///project/app/deploy/foreign.yaml': ANOTHER_APP_BELOW,
  'file:///project/app/a/b/deep.yaml': TWO_FOLDERS_BELOW,
  'file:///project/elsewhere/spin.toml': OTHER_PROJECT_MANIFEST,
  'file:///project/elsewhere/spinapp.yaml': OTHER_PROJECT_APP,
};
const CTX: LanguageContext = { workspace: new MemoryWorkspace(FILES) };
const doc: SourceDocument = { uri: MANIFEST_URI, text: MANIFEST };
const service = new LanguageService();

/** `path:line:text` of each location. */
function described(locations: readonly Location[]): string[] {
  return locations.map((l) => {
    const path = l.uri.replace('file:///project/', '');
    return `${path}:${l.range.start.line}:${textAt(FILES[l.uri] ?? '', l.range)}`;
  });
}

describe('spin.toml references into SpinApp YAML', () => {
  it('list the SpinApps of the app next to the spin.toml and in any folder below it, nearest first', () => {
    const found = described(service.references(doc, positionOf(MANIFEST, '[component.api]', 0, 12), CTX));
    assert.deepEqual(found, [
      'app/spin.toml:12:api',
      'app/spin.toml:10:api',
      'app/spinapp.yaml:8:api',
      'app/deploy/canary.yml:8:api',
      'app/a/b/deep.yaml:8:api',
    ]);
  });

  it('find the same places from a use of the component', () => {
    const fromTrigger = service.references(doc, positionOf(MANIFEST, '"api"', 0, 2), CTX);
    const fromTable = service.references(doc, positionOf(MANIFEST, '[component.api]', 0, 12), CTX);
    assert.deepEqual(fromTrigger, fromTable);
  });

  it('list a SpinApp variable written in upper case for a spin.toml variable', () => {
    const found = described(service.references(doc, positionOf(MANIFEST, '{{ api_key }}', 0, 4), CTX));
    assert.deepEqual(found, [
      'app/spin.toml:6:api_key',
      'app/spin.toml:14:api_key',
      'app/spinapp.yaml:10:API_KEY',
    ]);
  });

  it('list only the spin.toml without a workspace, and nothing where there is no name', () => {
    const alone = described(service.references(doc, positionOf(MANIFEST, '[component.api]', 0, 12), {}));
    assert.deepEqual(alone, ['app/spin.toml:12:api', 'app/spin.toml:10:api']);
    assert.deepEqual(service.references(doc, positionOf(MANIFEST, 'route'), CTX), []);
  });

  it('leave out YAML files that cannot be read or are not SpinKube objects', () => {
    const broken: LanguageContext = {
      workspace: new MemoryWorkspace({
        [MANIFEST_URI]: MANIFEST,
        'file:///project/app/values.yaml': 'components: [api]\n',
        'file:///project/app/bad.yaml': 'kind: SpinApp\nspec: [: {\n',
      }),
    };
    const found = described(service.references(doc, positionOf(MANIFEST, '[component.api]', 0, 12), broken));
    assert.deepEqual(found, ['app/spin.toml:12:api', 'app/spin.toml:10:api']);
  });
});
