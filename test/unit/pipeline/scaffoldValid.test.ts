import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type { ScaffoldOptions } from '../../../src/pipeline/scaffold';
import { scaffoldSpinApp } from '../../../src/pipeline/scaffold';

const image = 'ghcr.io/foo/example-app:v0.1.0';
const limits = { cpuLimit: '100m', memoryLimit: '128Mi' };

const cases: Record<string, ScaffoldOptions> = {
  plain: { image },
  everything: {
    image,
    replicas: 3,
    azureIdentity: true,
    serviceAccountName: 'app-sa',
    variables: { greeting: 'hi' },
    requiredVariables: ['api_key'],
    components: ['hello'],
    ...limits,
    cpuRequest: '50m',
    memoryRequest: '64Mi',
    imagePullSecrets: ['regcred'],
    runtimeConfig: '[key_value_store.default]\ntype = "spin"\n',
  },
  hpa: { image, autoscaler: 'hpa', ...limits },
  keda: { image, autoscaler: 'keda', ...limits },
};

describe('scaffolded YAML passes our own SpinApp checks', () => {
  for (const [name, options] of Object.entries(cases)) {
    it(name, () => {
      const { yaml } = scaffoldSpinApp(options);
      const diagnostics = k8sYamlLanguage.validate({ uri: 'file:///project/spinapp.yaml', text: yaml }, {});
      const errors = diagnostics.filter((d) => d.severity === 1);
      assert.deepEqual(
        errors.map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
      );
    });
  }

  it('the checks do catch a broken scaffold (the test can fail)', () => {
    const broken = scaffoldSpinApp({ image }).yaml.replace('replicas: 2', 'replicas: 0');
    const diagnostics = k8sYamlLanguage.validate({ uri: 'file:///project/spinapp.yaml', text: broken }, {});
    assert.ok(diagnostics.some((d) => d.severity === 1));
  });
});
