// prepareRename in SpinApp YAML: it offers the name's range exactly where a rename would make an
// edit, and refuses with the reason (an executor known only from the cluster, a SpinApp without
// spin.toml, a name spin.toml does not declare).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRenameK8sYaml, renameK8sYaml } from '../../../src/language/k8sYaml/rename';
import { LanguageService } from '../../../src/language/service';
import type { LanguageContext, RenamePreparation, SourceDocument } from '../../../src/language/types';
import { textAt } from '../../support/k8sYamlFixtures';
import { HELLO_APP_MANIFEST } from '../../support/manifestTexts';
import { MemoryWorkspace } from '../../support/memoryWorkspace';
import { everyPosition, positionOf } from '../../support/textPosition';

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
  components: [api, "web", ghost]
  variables:
    - name: API_KEY
      value: x
    - name: missing
      value: y
---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: from-cluster
spec:
  image: ghcr.io/a/other:v1
  executor: containerd-shim-spin
  replicas: 1
---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: edge-shim
spec:
  createDeployment: true
`;

const MANIFEST = `${HELLO_APP_MANIFEST}[component.web.build]
command = "make"
`;

const CLUSTER = {
  defaultNamespace: 'default',
  executorsByNamespace: { default: ['containerd-shim-spin', 'edge-shim'] },
};

const CTX: LanguageContext = {
  workspace: new MemoryWorkspace({ [APP_URI]: APPS, [MANIFEST_URI]: MANIFEST }),
  cluster: CLUSTER,
};
const doc: SourceDocument = { uri: APP_URI, text: APPS };

function rangeText(prepared: RenamePreparation | null): string | undefined {
  return prepared && 'range' in prepared ? textAt(APPS, prepared.range) : undefined;
}

function refusal(prepared: RenamePreparation | null): string {
  assert.ok(prepared && 'refusal' in prepared, `a refusal, got ${JSON.stringify(prepared)}`);
  return prepared.refusal;
}

describe('prepareRename in SpinApp YAML', () => {
  it('offers the range of an executor defined in the file, and of a declared component or variable', () => {
    assert.equal(
      rangeText(prepareRenameK8sYaml(doc, positionOf(APPS, 'executor: edge-shim', 0, 12), CTX)),
      'edge-shim',
    );
    assert.equal(rangeText(prepareRenameK8sYaml(doc, positionOf(APPS, 'api, '), CTX)), 'api');
    assert.equal(rangeText(prepareRenameK8sYaml(doc, positionOf(APPS, 'API_KEY', 0, 3), CTX)), 'API_KEY');
  });

  it('refuses an executor known only from the cluster, naming it', () => {
    const at = positionOf(APPS, 'containerd-shim-spin', 0, 4);
    const why = refusal(prepareRenameK8sYaml(doc, at, CTX));
    assert.match(
      why,
      /SpinAppExecutor "containerd-shim-spin" is not defined in this file or a YAML file next to it/,
    );
    assert.equal(renameK8sYaml(doc, at, 'fast-shim', CTX), null);
  });

  it('refuses a component or variable that spin.toml does not declare', () => {
    assert.match(
      refusal(prepareRenameK8sYaml(doc, positionOf(APPS, 'ghost'), CTX)),
      /app\/spin\.toml does not declare the component "ghost"/,
    );
    assert.match(
      refusal(prepareRenameK8sYaml(doc, positionOf(APPS, 'missing'), CTX)),
      /does not declare the variable "missing"/,
    );
  });

  it('offers a component with spin.toml sub-tables, which the rename renames too', () => {
    const at = positionOf(APPS, '"web"', 0, 2);
    assert.equal(rangeText(prepareRenameK8sYaml(doc, at, CTX)), 'web');
    const edits = renameK8sYaml(doc, at, 'frontend', CTX)?.changes?.[MANIFEST_URI] ?? [];
    const lines = MANIFEST.split('\n');
    assert.ok(edits.some((e) => lines[e.range.start.line] === '[component.web.build]'));
  });

  it('refuses a component when no spin.toml of the SpinApp is in the workspace', () => {
    const alone: LanguageContext = { workspace: new MemoryWorkspace({ [APP_URI]: APPS }) };
    assert.match(
      refusal(prepareRenameK8sYaml(doc, positionOf(APPS, 'api, '), alone)),
      /No spin\.toml of this SpinApp was found/,
    );
  });

  it('answers null where there is no name', () => {
    assert.equal(prepareRenameK8sYaml(doc, positionOf(APPS, 'replicas'), CTX), null);
    assert.equal(
      prepareRenameK8sYaml({ uri: APP_URI, text: ': [\n\t"' }, { line: 0, character: 1 }, CTX),
      null,
    );
  });

  it('offers a range at exactly the positions where a rename makes an edit', () => {
    for (const position of everyPosition(APPS)) {
      const prepared = prepareRenameK8sYaml(doc, position, CTX);
      const edit = renameK8sYaml(doc, position, 'renamed', CTX);
      const where = `${position.line}:${position.character}`;
      assert.equal(prepared !== null && 'range' in prepared, edit !== null, `at ${where}`);
    }
  });
});

describe('prepareRename through the language service', () => {
  const service = new LanguageService();

  it('gives the refusal to the server and no range to callers that want one', () => {
    const at = positionOf(APPS, 'containerd-shim-spin', 0, 4);
    assert.match(refusal(service.renamePreparation(doc, at, CTX)), /containerd-shim-spin/);
    assert.equal(service.prepareRename(doc, at, CTX), null);
  });

  it('gives the range of a renameable name', () => {
    const range = service.prepareRename(doc, positionOf(APPS, 'executor: edge-shim', 0, 12), CTX);
    assert.ok(range);
    assert.equal(textAt(APPS, range), 'edge-shim');
  });
});

describe('why a rename gives no edit', () => {
  const service = new LanguageService();
  const executorAt = positionOf(APPS, 'executor: edge-shim', 0, 12);

  it('names the rule a new executor name breaks, and says nothing when the rename works', () => {
    assert.equal(service.rename(doc, executorAt, 'Fast_Shim', CTX), null);
    assert.match(
      service.renameRefusal(doc, executorAt, 'Fast_Shim', CTX) ?? '',
      /^"Fast_Shim" is not a valid SpinAppExecutor name: a Kubernetes object name is at most 253 lowercase letters/,
    );
    assert.ok(service.rename(doc, executorAt, 'fast-shim', CTX));
    assert.equal(service.renameRefusal(doc, executorAt, 'fast-shim', CTX), undefined);
  });

  it("gives Spin's reason for an invalid component id or variable name", () => {
    assert.equal(
      service.renameRefusal(doc, positionOf(APPS, 'api, '), 'my_api', CTX),
      `"my_api" is not a valid component id: words must be separated with '-', not '_'.`,
    );
    assert.match(
      service.renameRefusal(doc, positionOf(APPS, 'API_KEY', 0, 3), 'API-TOKEN', CTX) ?? '',
      /^"API-TOKEN" is not a valid variable name: words must be separated with '_', not '-'/,
    );
    assert.equal(service.renameRefusal(doc, positionOf(APPS, 'API_KEY', 0, 3), 'API_TOKEN', CTX), undefined);
  });

  it('repeats the prepareRename refusal for a name that cannot be renamed', () => {
    const at = positionOf(APPS, 'containerd-shim-spin', 0, 4);
    assert.match(
      service.renameRefusal(doc, at, 'fast-shim', CTX) ?? '',
      /"containerd-shim-spin" is not defined/,
    );
    assert.equal(service.renameRefusal(doc, positionOf(APPS, 'replicas'), 'x', CTX), undefined);
  });

  it('explains an invalid new name in spin.toml too', () => {
    const manifest: SourceDocument = { uri: MANIFEST_URI, text: MANIFEST };
    const at = positionOf(MANIFEST, '[component.api]', 0, 12);
    assert.equal(service.rename(manifest, at, 'Api', CTX), null);
    assert.match(
      service.renameRefusal(manifest, at, 'Api', CTX) ?? '',
      /^"Api" is not a valid component id: /,
    );
    assert.equal(service.renameRefusal(manifest, at, 'backend', CTX), undefined);
  });
});
