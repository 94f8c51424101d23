// Definition, references and rename in SpinApp YAML: executor names, and the component ids and
// variable names a SpinApp takes from its spin.toml. Ranges are checked to the character.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { LanguageService } from '../../../src/language/service';
import type {
  LanguageContext,
  Location,
  Position,
  SourceDocument,
  WorkspaceEdit,
} from '../../../src/language/types';
import { textAt } from '../../support/k8sYamlFixtures';
import { HELLO_APP_MANIFEST } from '../../support/manifestTexts';
import { MemoryWorkspace } from '../../support/memoryWorkspace';

const APP_URI = 'file:///project/app/spinapp.yaml';
const MANIFEST_URI = 'file:///project/app/spin.toml';

const APPS = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: hello
spec:
  image: ghcr.io/a/hello:v1
  executor: edge-shim
  replicas: 1
  components: [api, "web"]
  variables:
    - name: API_KEY
      value: x
---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: other
spec:
  image: ghcr.io/a/other:v1
  executor: "edge-shim"
  replicas: 1
---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: edge-shim
spec:
  createDeployment: true
`;

const MANIFEST = HELLO_APP_MANIFEST;

function contextWith(files: Record<string, string>): LanguageContext {
  return { workspace: new MemoryWorkspace(files) };
}

const CTX = contextWith({ [APP_URI]: APPS, [MANIFEST_URI]: MANIFEST });

/** The position `within` characters into the n-th (0-based) occurrence of `needle`. */
function positionOf(text: string, needle: string, nth = 0, within = 1): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${nth} is in the text`);
  const before = text.slice(0, at + within).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

const doc = (text = APPS, uri = APP_URI): SourceDocument => ({ uri, text });

/** `uri-basename:line:text` of each location, to compare whole answers at once. */
function described(locations: readonly Location[], files: Record<string, string>): string[] {
  return locations.map((l) => {
    const text = files[l.uri] ?? '';
    return `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line}:${textAt(text, l.range)}`;
  });
}

function lineOf(text: string, lineStart: string, nth = 0): number {
  const lines = text.split('\n');
  let seen = -1;
  return lines.findIndex((l) => l.startsWith(lineStart) && ++seen === nth);
}

const FILES = { [APP_URI]: APPS, [MANIFEST_URI]: MANIFEST };

describe('executor names', () => {
  it('go from spec.executor to the SpinAppExecutor of the file, quoted or not', () => {
    const expected = [`spinapp.yaml:${lineOf(APPS, '  name: edge-shim')}:edge-shim`];
    const fromPlain = k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'executor: edge-shim', 0, 12), CTX);
    assert.deepEqual(described(fromPlain, FILES), expected);
    assert.deepEqual(fromPlain[0]?.range, {
      start: { line: lineOf(APPS, '  name: edge-shim'), character: 8 },
      end: { line: lineOf(APPS, '  name: edge-shim'), character: 17 },
    });
    const fromQuoted = k8sYamlLanguage.definition!(doc(), positionOf(APPS, '"edge-shim"', 0, 3), CTX);
    assert.deepEqual(described(fromQuoted, FILES), expected);
  });

  it('list every SpinApp that uses the executor, and its definition, from either side', () => {
    const expected = [
      `spinapp.yaml:${lineOf(APPS, '  executor: edge-shim')}:edge-shim`,
      `spinapp.yaml:${lineOf(APPS, '  executor: "edge-shim"')}:edge-shim`,
      `spinapp.yaml:${lineOf(APPS, '  name: edge-shim')}:edge-shim`,
    ];
    const fromDefinition = k8sYamlLanguage.references!(doc(), positionOf(APPS, 'name: edge-shim', 0, 8), CTX);
    assert.deepEqual(described(fromDefinition, FILES), expected);
    const fromUse = k8sYamlLanguage.references!(doc(), positionOf(APPS, '"edge-shim"', 0, 1), CTX);
    assert.deepEqual(described(fromUse, FILES), expected);
  });

  it('match only in the SpinApp’s namespace', () => {
    const text = APPS.replace('  name: edge-shim\n', '  name: edge-shim\n  namespace: edge\n');
    const position = positionOf(text, 'executor: edge-shim', 0, 12);
    assert.deepEqual(k8sYamlLanguage.definition!(doc(text), position, CTX), []);
    const moved = text.replace('  name: hello\n', '  name: hello\n  namespace: edge\n');
    const found = k8sYamlLanguage.definition!(
      doc(moved),
      positionOf(moved, 'executor: edge-shim', 0, 12),
      CTX,
    );
    assert.deepEqual(described(found, { [APP_URI]: moved }), [
      `spinapp.yaml:${lineOf(moved, '  name: edge-shim')}:edge-shim`,
    ]);
  });

  it('are found in a YAML file next to the SpinApp when the file does not define them', () => {
    const apps = APPS.slice(0, APPS.lastIndexOf('---'));
    const executors = `# shared executors\n${APPS.slice(APPS.lastIndexOf('---') + 4)}`;
    const files = {
      [APP_URI]: apps,
      'file:///project/app/executors.yml': executors,
      'file:///project/app/nested/executors.yaml': executors,
      'file:///project/other/executors.yaml': executors,
      [MANIFEST_URI]: MANIFEST,
    };
    const ctx = contextWith(files);
    const found = k8sYamlLanguage.definition!(doc(apps), positionOf(apps, 'executor: edge-shim', 0, 12), ctx);
    assert.deepEqual(described(found, files), [
      `executors.yml:${lineOf(executors, '  name: edge-shim')}:edge-shim`,
    ]);
    const references = k8sYamlLanguage.references!(doc(apps), positionOf(apps, '"edge-shim"', 0, 2), ctx);
    assert.equal(references.length, 3);
    assert.deepEqual(
      references.map((l) => l.uri),
      [APP_URI, APP_URI, 'file:///project/app/executors.yml'],
    );
    assert.deepEqual(
      k8sYamlLanguage.definition!(doc(apps), positionOf(apps, 'executor: edge-shim', 0, 12), {}),
      [],
    );
  });

  it('rename the executor and every SpinApp using it, keeping quotes', () => {
    const edit = k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'name: edge-shim', 0, 8), 'fast-shim', CTX);
    assert.deepEqual(Object.keys(edit?.changes ?? {}), [APP_URI]);
    const renamed = applied(APPS, edit, APP_URI);
    assert.equal(renamed, APPS.replaceAll('edge-shim', 'fast-shim'));
    assert.match(renamed, /executor: "fast-shim"/);
  });

  it('refuse names Kubernetes rejects, executors defined only in the cluster, and places with no name', () => {
    const at = positionOf(APPS, 'name: edge-shim', 0, 8);
    assert.equal(k8sYamlLanguage.rename!(doc(), at, 'Fast_Shim', CTX), null);
    assert.equal(k8sYamlLanguage.rename!(doc(), at, '', CTX), null);
    const clusterOnly = APPS.slice(0, APPS.lastIndexOf('---'));
    const use = positionOf(clusterOnly, 'executor: edge-shim', 0, 12);
    assert.equal(k8sYamlLanguage.rename!(doc(clusterOnly), use, 'other', CTX), null);
    assert.deepEqual(k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'replicas: 1'), CTX), []);
    assert.deepEqual(k8sYamlLanguage.references!(doc(), positionOf(APPS, 'image:'), CTX), []);
  });

  it('quote a new name that YAML would read as another type', () => {
    const edit = k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'name: edge-shim', 0, 8), '1e3', CTX);
    const renamed = applied(APPS, edit, APP_URI);
    assert.match(renamed, /executor: "1e3"\n/);
    assert.match(renamed, /name: "1e3"\n/);
    assert.doesNotMatch(renamed, /""/);
  });
});

describe('spin.toml names in a SpinApp', () => {
  it('go from a spec.components item to the component in the app’s spin.toml', () => {
    const found = k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'api, '), CTX);
    assert.deepEqual(described(found, FILES), [`spin.toml:${lineOf(MANIFEST, '[component.api]')}:api`]);
    const quoted = k8sYamlLanguage.definition!(doc(), positionOf(APPS, '"web"', 0, 4), CTX);
    assert.deepEqual(described(quoted, FILES), [`spin.toml:${lineOf(MANIFEST, '[component.web]')}:web`]);
    assert.deepEqual(quoted[0]?.range, {
      start: { line: lineOf(MANIFEST, '[component.web]'), character: 11 },
      end: { line: lineOf(MANIFEST, '[component.web]'), character: 14 },
    });
  });

  it('go from spec.variables[].name to the application variable, whatever its case', () => {
    const found = k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'API_KEY', 0, 3), CTX);
    assert.deepEqual(described(found, FILES), [`spin.toml:${lineOf(MANIFEST, 'api_key =')}:api_key`]);
  });

  it('find a component in the manifest and in the SpinApps of that manifest', () => {
    const found = k8sYamlLanguage.references!(doc(), positionOf(APPS, '"web"', 0, 2), CTX);
    assert.deepEqual(described(found, FILES), [
      `spin.toml:${lineOf(MANIFEST, '[component.web]')}:web`,
      `spin.toml:${lineOf(MANIFEST, 'component = "web"')}:web`,
      `spinapp.yaml:${lineOf(APPS, '  components:')}:web`,
    ]);
  });

  it('go nowhere without a workspace or a matching spin.toml', () => {
    assert.deepEqual(k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'api, '), {}), []);
    const elsewhere = contextWith({
      [APP_URI]: APPS,
      'file:///project/other/spin.toml': MANIFEST.replace('"hello"', '"nope"'),
    });
    assert.deepEqual(k8sYamlLanguage.definition!(doc(), positionOf(APPS, 'api, '), elsewhere), []);
  });

  it('rename a variable in spin.toml and in the SpinApp, keeping the SpinApp’s upper case', () => {
    const edit = k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'API_KEY', 0, 2), 'api_token', CTX);
    assert.deepEqual(Object.keys(edit?.changes ?? {}).sort(), [APP_URI, MANIFEST_URI].sort());
    assert.equal(applied(MANIFEST, edit, MANIFEST_URI), MANIFEST.replaceAll('api_key', 'api_token'));
    assert.equal(applied(APPS, edit, APP_URI), APPS.replace('API_KEY', 'API_TOKEN'));
    assert.equal(k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'API_KEY', 0, 2), 'api-token', CTX), null);
  });

  it('rename a component in spin.toml and in the SpinApp', () => {
    const edit = k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'api, '), 'backend', CTX);
    assert.equal(
      applied(MANIFEST, edit, MANIFEST_URI),
      MANIFEST.replace('component = "api"', 'component = "backend"').replaceAll(
        'component.api',
        'component.backend',
      ),
    );
    assert.equal(applied(APPS, edit, APP_URI), APPS.replace('[api, ', '[backend, '));
  });

  it('leave a component alone when spin.toml has sub-tables of it that its rename would not cover', () => {
    const withBuild = MANIFEST.replace(
      'source = "api.wasm"\n',
      'source = "api.wasm"\n[component.api.build]\ncommand = "make"\n',
    );
    const ctx = contextWith({ [APP_URI]: APPS, [MANIFEST_URI]: withBuild });
    const edit = k8sYamlLanguage.rename!(doc(), positionOf(APPS, 'api, '), 'backend', ctx);
    if (edit === null) return; // the guard: no edit rather than an orphan [component.api.build]
    const renamed = applied(withBuild, edit, MANIFEST_URI);
    assert.doesNotMatch(renamed, /component\.api\b/, 'every table of the component is renamed');
  });
});

describe('through the language service', () => {
  it('prepares a rename on the name under the cursor', () => {
    const service = new LanguageService();
    const range = service.prepareRename(doc(), positionOf(APPS, '"edge-shim"', 0, 4), CTX);
    assert.ok(range);
    assert.equal(textAt(APPS, range), 'edge-shim');
    assert.equal(service.prepareRename(doc(), positionOf(APPS, 'replicas'), CTX), null);
  });
});

/** The text after applying a workspace edit's changes for one URI (edits do not overlap). */
function applied(text: string, edit: WorkspaceEdit | null, uri: string): string {
  const edits = [...(edit?.changes?.[uri] ?? [])];
  const offset = (p: Position): number =>
    text
      .split('\n')
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  edits.sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of edits) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
