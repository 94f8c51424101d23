import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type {
  CodeAction,
  CompletionItem,
  LanguageContext,
  Position,
  TextEdit,
  WorkspaceView,
} from '../../../src/language/types';
import { spinApp, yamlDoc } from '../../support/k8sYamlFixtures';

/** Text with a `|` cursor marker → the text without it and the cursor position. */
function at(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  const before = marked.slice(0, offset).split('\n');
  return {
    text: marked.slice(0, offset) + marked.slice(offset + 1),
    position: { line: before.length - 1, character: (before[before.length - 1] ?? '').length },
  };
}

function complete(marked: string, ctx: LanguageContext = {}): CompletionItem[] {
  const { text, position } = at(marked);
  return k8sYamlLanguage.complete?.(yamlDoc(text), position, ctx) ?? [];
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label).sort();

const HEAD = 'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: my-app\n';

test('completion offers the spec fields not yet written, required ones first', () => {
  const items = complete(`${HEAD}spec:\n  image: ghcr.io/a/b:v1\n  re|\n  executor: x\n`);
  const names = labels(items);
  assert.ok(names.includes('replicas'));
  assert.ok(names.includes('enableAutoscaling'));
  assert.ok(!names.includes('image'), 'present fields are not offered again');
  assert.ok(!names.includes('executor'));
  const replicas = items.find((i) => i.label === 'replicas');
  assert.equal(replicas?.detail, 'integer (int32)');
  assert.deepEqual((replicas?.textEdit as TextEdit).newText, 'replicas: ');
  assert.deepEqual((replicas?.textEdit as TextEdit).range.start, { line: 6, character: 2 });
});

test('completion follows nesting into list items and core/v1 objects', () => {
  const vars = complete(`${HEAD}spec:\n  variables:\n  - name: a\n    |\n`);
  assert.deepEqual(labels(vars), ['value', 'valueFrom']);
  const valueFrom = complete(`${HEAD}spec:\n  variables:\n    - name: a\n      valueFrom:\n        |\n`);
  assert.deepEqual(labels(valueFrom), [
    'configMapKeyRef',
    'fieldRef',
    'fileKeyRef',
    'resourceFieldRef',
    'secretKeyRef',
  ]);
  const newItem = complete(`${HEAD}spec:\n  volumeMounts:\n  - |\n`);
  assert.ok(labels(newItem).includes('mountPath'));
  const root = complete(`${HEAD}|\n`);
  assert.deepEqual(labels(root), ['spec']);
});

test('completion of values: booleans, enums, executors, apiVersion and kind', () => {
  assert.deepEqual(labels(complete(`${HEAD}spec:\n  enableAutoscaling: |\n`)), ['false', 'true']);
  assert.deepEqual(
    labels(complete(`${HEAD}spec:\n  volumeMounts:\n  - name: v\n    mountPropagation: |\n`)),
    ['Bidirectional', 'HostToContainer', 'None'],
  );
  const ctx: LanguageContext = {
    cluster: {
      defaultNamespace: 'default',
      executorsByNamespace: { default: ['containerd-shim-spin', 'spintainer'] },
    },
  };
  const executorDoc =
    '---\napiVersion: core.spinkube.dev/v1alpha1\nkind: SpinAppExecutor\nmetadata:\n  name: local-exec\nspec:\n  createDeployment: true\n';
  assert.deepEqual(labels(complete(`${HEAD}spec:\n  executor: |\n${executorDoc}`, ctx)), [
    'containerd-shim-spin',
    'local-exec',
    'spintainer',
  ]);
  assert.deepEqual(labels(complete('apiVersion: |\n')), ['core.spinkube.dev/v1alpha1']);
  assert.deepEqual(labels(complete('apiVersion: core.spinkube.dev/v1alpha1\nkind: |\n')), [
    'SpinApp',
    'SpinAppExecutor',
  ]);
});

test('completion of component ids and variable names from the app spin.toml', () => {
  const workspace: WorkspaceView = {
    readFile: (uri) =>
      uri === 'file:///project/app/spin.toml'
        ? 'spin_manifest_version = 2\n[application]\nname = "my-app"\n[variables]\nkey = { required = true }\n[component.api]\nsource = "a.wasm"\n[component.web]\nsource = "w.wasm"\n'
        : undefined,
    exists: () => true,
    spinManifests: () => ['file:///project/app/spin.toml'],
  };
  assert.deepEqual(labels(complete(`${HEAD}spec:\n  components:\n  - |\n`, { workspace })), ['api', 'web']);
  assert.deepEqual(labels(complete(`${HEAD}spec:\n  variables:\n  - name: |\n`, { workspace })), ['key']);
});

test('no completion in other YAML files', () => {
  assert.deepEqual(complete('name: CI\non:\n  push:\n    |\n'), []);
  assert.deepEqual(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n'), []);
});

test('hover shows the field path, type and description', () => {
  const { text, position } = at(`${HEAD}spec:\n  repl|icas: 2\n  image: x\n`);
  const hover = k8sYamlLanguage.hover?.(yamlDoc(text), position, {});
  const value =
    hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(value, /^\*\*spec\.replicas\*\* · integer \(int32\)/);
  assert.match(value, /enableAutoscaling/);
  assert.deepEqual(hover?.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });
  const nested = at(
    `${HEAD}spec:\n  image: x\n  variables:\n  - name: a\n    valueFrom:\n      secretKeyRef:\n        ke|y: k\n`,
  );
  const nestedHover = k8sYamlLanguage.hover?.(yamlDoc(nested.text), nested.position, {});
  const nestedValue =
    nestedHover && typeof nestedHover.contents === 'object' && 'value' in nestedHover.contents
      ? nestedHover.contents.value
      : '';
  assert.match(nestedValue, /^\*\*spec\.variables\[\]\.valueFrom\.secretKeyRef\.key\*\* · string · required/);
  const image = at(`${HEAD}spec:\n  ima|ge: x\n`);
  const imageHover = k8sYamlLanguage.hover?.(yamlDoc(image.text), image.position, {});
  assert.match(
    imageHover && typeof imageHover.contents === 'object' && 'value' in imageHover.contents
      ? imageHover.contents.value
      : '',
    /· string · required/,
  );
  const other = at('apiVersion: v1\nkind: Service\nspec:\n  ty|pe: x\n');
  assert.equal(k8sYamlLanguage.hover?.(yamlDoc(other.text), other.position, {}), null);
});

function fixes(text: string, ctx: LanguageContext = {}): CodeAction[] {
  const doc = yamlDoc(text);
  const diags = k8sYamlLanguage.validate(doc, ctx);
  return k8sYamlLanguage.codeActions?.(doc, diags[0]!.range, diags, ctx) ?? [];
}

function applyEdits(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit?.changes ?? {})[0] ?? [];
  const lines = text.split('\n');
  const offset = (p: Position): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce(
      (out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)),
      text,
    );
}

test('quick fix: legacy API group becomes core.spinkube.dev/v1alpha1', () => {
  const text = spinApp('  image: a\n  executor: e\n  replicas: 1\n').replace(
    'core.spinkube.dev',
    'core.spinoperator.dev',
  );
  const [fix] = fixes(text);
  assert.equal(fix?.title, 'Use core.spinkube.dev/v1alpha1');
  const fixed = applyEdits(text, fix!);
  assert.match(fixed, /^apiVersion: core\.spinkube\.dev\/v1alpha1\n/);
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(fixed), {}), []);
});

test('quick fix: replicas with autoscaling, remove either one', () => {
  const text = spinApp('  image: a\n  executor: e\n  replicas: 2\n  enableAutoscaling: true\n');
  const actions = fixes(text);
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Remove spec.replicas (keep autoscaling)',
      'Remove spec.enableAutoscaling (keep the fixed replica count)',
    ],
  );
  const withoutReplicas = applyEdits(text, actions[0]!);
  assert.ok(!withoutReplicas.includes('replicas:'));
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(withoutReplicas), {}), []);
  const withoutAutoscaling = applyEdits(text, actions[1]!);
  assert.ok(!withoutAutoscaling.includes('enableAutoscaling'));
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(withoutAutoscaling), {}), []);
});

test('quick fixes for typos and unquoted numbers', () => {
  const typo = spinApp('  image: a\n  executor: e\n  replica: 1\n  replicas: 1\n');
  const [rename] = fixes(typo);
  assert.equal(rename?.title, 'Change to replicas');
  const number = spinApp(
    '  image: a\n  executor: e\n  replicas: 1\n  variables:\n  - name: port\n    value: 8080\n',
  );
  const [quote] = fixes(number);
  assert.equal(quote?.title, 'Change to "8080"');
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(applyEdits(number, quote!)), {}), []);
});

test('document symbols list each SpinApp and executor with their spec fields', () => {
  const text = `${spinApp('  image: ghcr.io/a/b:v1\n  executor: e\n  replicas: 2\n  variables:\n  - name: a\n    value: b\n', 'web', '  namespace: prod\n')}---
apiVersion: v1
kind: Service
metadata: {name: svc}
---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: e
spec:
  createDeployment: true
`;
  const symbols = k8sYamlLanguage.symbols?.(yamlDoc(text)) ?? [];
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail]),
    [
      ['web', 'SpinApp · prod'],
      ['e', 'SpinAppExecutor'],
    ],
  );
  assert.deepEqual(
    symbols[0]?.children?.map((c) => [c.name, c.detail]),
    [
      ['image', 'ghcr.io/a/b:v1'],
      ['executor', 'e'],
      ['replicas', '2'],
      ['variables', '1 item'],
    ],
  );
  assert.equal(symbols[1]?.selectionRange.start.line, 20);
});

test('quick fix: set the executor the operator would pick', () => {
  const ctx: LanguageContext = {
    cluster: { defaultNamespace: 'default', executorsByNamespace: { default: ['containerd-shim-spin'] } },
  };
  const text = spinApp('  image: a\n  replicas: 1\n');
  const [fix] = fixes(text, ctx);
  assert.equal(fix?.title, 'Set spec.executor to containerd-shim-spin');
  const fixed = applyEdits(text, fix!);
  assert.match(fixed, /\nspec:\n {2}executor: containerd-shim-spin\n {2}image: a\n/);
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(fixed), ctx), []);
});
