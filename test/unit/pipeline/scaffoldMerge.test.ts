// Scaffold into an existing spinapp.yaml: the user's fields, comments and other documents stay;
// only what scaffold owns changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scaffoldSpinApp } from '../../../src/pipeline/scaffold';
import { mergeSpinApp } from '../../../src/pipeline/scaffold/mergeSpinApp';

const EXISTING = `# The SpinApp of the sample
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: sample-app
spec:
  image: '127.0.0.1:5000/sample-app:0.1.0'
  executor: containerd-shim-spin
  replicas: 2
  variables:
    - name: greeting
      value: Hello # the user's
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
`;

describe('mergeSpinApp', () => {
  it("changes the image, adds missing required variables, keeps the user's fields, comments and documents", () => {
    const scaffolded = scaffoldSpinApp({
      image: 'localhost:5000/sample-app:dev',
      requiredVariables: ['token'],
    });
    const merged = mergeSpinApp(EXISTING, scaffolded);
    assert.equal(merged.changed, true);
    assert.equal(
      merged.text,
      EXISTING.replace("'127.0.0.1:5000/sample-app:0.1.0'", "'localhost:5000/sample-app:dev'").replace(
        "      value: Hello # the user's\n",
        '      value: Hello # the user\'s\n    - name: token\n      value: ""\n',
      ),
    );
    assert.equal(mergeSpinApp(merged.text, scaffolded).changed, false, 'merging again changes nothing');
  });

  it('sets the executor and components scaffold was given', () => {
    const scaffolded = scaffoldSpinApp({
      image: 'localhost:5000/sample-app:dev',
      executor: 'wasmtime',
      components: ['hello'],
    });
    const merged = mergeSpinApp(EXISTING, scaffolded).text;
    assert.match(merged, /\n {2}executor: wasmtime\n/);
    assert.match(merged, /\n {2}components:\n {4}- hello\n/);
    assert.match(merged, /\n {2}replicas: 2\n/);
  });

  it('appends the scaffolded SpinApp to a file that has none', () => {
    const scaffolded = scaffoldSpinApp({ image: 'localhost:5000/sample-app:dev' });
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n';
    assert.equal(mergeSpinApp(other, scaffolded).text, `${other}---\n${scaffolded.yaml}`);
  });
});
