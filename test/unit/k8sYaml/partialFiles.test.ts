import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type { WorkspaceView } from '../../../src/language/types';
import { spinApp, yamlDoc } from '../../support/k8sYamlFixtures';

test('Helm templates are left alone (they are not YAML until rendered)', () => {
  const text = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: {{ .Release.Name }}
spec:
  image: {{ .Values.image | quote }}
  executor: containerd-shim-spin
  {{- if .Values.autoscaling }}
  enableAutoscaling: true
  {{- end }}
`;
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(text, 'file:///chart/templates/app.yaml'), {}), []);
});

test('a plain SpinApp next to a template in the same file is still checked', () => {
  const text = `${spinApp('  image: a\n  executor: e\n  replicas: 0\n')}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  x: {{ .Values.x }}\n`;
  assert.deepEqual(
    k8sYamlLanguage.validate(yamlDoc(text), {}).map((d) => d.code),
    ['spinapp/replicas-not-positive'],
  );
});

function workspaceWith(files: Record<string, string>): WorkspaceView {
  return {
    readFile: (uri) => files[uri],
    exists: (uri) => uri in files,
    spinManifests: () => [],
  };
}

test('a Kustomize patch may leave out required fields, but what it sets is still checked', () => {
  const patch =
    'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  enableAutoscaling: true\n';
  const workspace = workspaceWith({
    'file:///k/overlays/prod/kustomization.yaml':
      'resources:\n- ../../base\npatches:\n- path: replicas-patch.yaml\n',
  });
  const diags = k8sYamlLanguage.validate(yamlDoc(patch, 'file:///k/overlays/prod/replicas-patch.yaml'), {
    workspace,
  });
  assert.deepEqual(
    diags.map((d) => d.code),
    ['spinapp/replicas-with-autoscaling'],
  );
  // The same file outside a kustomization is a whole object, with its required fields missing.
  const alone = k8sYamlLanguage.validate(yamlDoc(patch, 'file:///k/elsewhere/replicas-patch.yaml'), {
    workspace,
  });
  assert.deepEqual(
    alone.map((d) => d.code),
    ['spinapp/missing-required', 'spinapp/missing-executor', 'spinapp/replicas-with-autoscaling'],
  );
});
