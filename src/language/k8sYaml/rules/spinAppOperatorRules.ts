// What goes wrong after admission, when the operator builds the Deployment, Service and runtime
// config of a SpinApp: names Kubernetes refuses, duplicate stores, volumes and variables.
import { isMap, isScalar, isSeq, pairOf, stringOf, valueOf, type YMap } from '../yaml/ast';
import { CODES } from '../codes';
import { error, warning } from '../findings';
import type { SpinKubeObject } from '../spinKubeObjects';
import type { FileFacts } from './ruleContext';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function checkSpinAppOperator(app: SpinKubeObject, facts: FileFacts): void {
  checkName(app, facts);
  const spec = app.spec;
  if (!spec) return;
  checkRuntimeConfig(spec, facts);
  checkVolumeMounts(spec, facts);
  checkVariables(spec, facts);
}

function checkName(app: SpinKubeObject, facts: FileFacts): void {
  const name = app.name;
  const node = app.namePair?.value;
  if (name === undefined || !node) return;
  if (DNS1035_LABEL.test(name) && name.length <= 63) return;
  facts.report(
    error(
      CODES.invalidAppName,
      node,
      `metadata.name "${name}": the operator creates a Service with this name, and Service names must be DNS-1035 labels (at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)`,
    ),
  );
}

function checkRuntimeConfig(spec: YMap, facts: FileFacts): void {
  const runtimeConfig = valueOf(spec, 'runtimeConfig');
  if (!isMap(runtimeConfig)) return;
  const stores = [
    ['keyValueStores', 'key value store'],
    ['sqliteDatabases', 'sqlite database'],
  ] as const;
  for (const [field, what] of stores) {
    const list = valueOf(runtimeConfig, field);
    if (!isSeq(list)) continue;
    const seen = new Set<string>();
    for (const item of list.items) {
      const nameNode = valueOf(item, 'name');
      const name = stringOf(item, 'name');
      if (name === undefined || !nameNode) continue;
      if (seen.has(name)) {
        facts.report(
          error(CODES.duplicateRuntimeStore, nameNode, `duplicate definition for ${what} with name: ${name}`),
        );
      }
      seen.add(name);
    }
  }
  const secretPair = pairOf(runtimeConfig, 'loadFromSecret');
  if (!secretPair || !stringOf(runtimeConfig, 'loadFromSecret')) return;
  const generated = ['keyValueStores', 'sqliteDatabases', 'llmCompute'].filter((f) =>
    valueOf(runtimeConfig, f),
  );
  if (generated.length === 0) return;
  facts.report(
    error(
      CODES.runtimeConfigConflict,
      secretPair.key,
      `cannot specify both a user-provided runtime secret and a generated one: remove runtimeConfig.loadFromSecret or ${generated.map((f) => `runtimeConfig.${f}`).join(', ')}`,
    ),
  );
}

function checkVolumeMounts(spec: YMap, facts: FileFacts): void {
  const mounts = valueOf(spec, 'volumeMounts');
  if (!isSeq(mounts)) return;
  const volumes = new Set<string>();
  const volumeList = valueOf(spec, 'volumes');
  if (isSeq(volumeList)) {
    for (const v of volumeList.items) {
      const name = stringOf(v, 'name');
      if (name !== undefined) volumes.add(name);
    }
  }
  mounts.items.forEach((mount, index) => {
    const name = stringOf(mount, 'name');
    const node = valueOf(mount, 'name');
    if (name === undefined || !node || volumes.has(name)) return;
    facts.report(
      error(
        CODES.unknownVolume,
        node,
        `spec.volumeMounts[${index}].name: volume "${name}" is not defined in spec.volumes, so Kubernetes rejects the app pods`,
      ),
    );
  });
}

function checkVariables(spec: YMap, facts: FileFacts): void {
  const variables = valueOf(spec, 'variables');
  if (!isSeq(variables)) return;
  const seen = new Set<string>();
  variables.items.forEach((variable, index) => {
    const name = stringOf(variable, 'name');
    const nameNode = valueOf(variable, 'name');
    if (name !== undefined && nameNode) {
      if (seen.has(name)) {
        facts.report(
          warning(
            CODES.duplicateVariable,
            nameNode,
            `variable "${name}" is set more than once; only the last value takes effect`,
          ),
        );
      }
      seen.add(name);
    }
    const value = valueOf(variable, 'value');
    const valueFrom = pairOf(variable, 'valueFrom');
    if (value && isScalar(value) && value.value !== '' && valueFrom && isMap(valueFrom.value)) {
      facts.report(
        error(
          CODES.variableValueConflict,
          valueFrom.key,
          `spec.variables[${index}].valueFrom: may not be specified when value is not empty (Kubernetes rejects the app pods)`,
        ),
      );
    }
  });
}
