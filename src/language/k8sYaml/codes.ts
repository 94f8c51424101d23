// Stable diagnostic codes of the SpinApp / SpinAppExecutor checks.

export const CODES = {
  yamlSyntax: 'yaml/syntax',
  legacyApiGroup: 'spinkube/legacy-api-group',
  unknownApiVersion: 'spinkube/unknown-api-version',
  unknownKind: 'spinkube/unknown-kind',
  apiGroupNotInstalled: 'spinkube/api-group-not-installed',
  duplicateObject: 'spinkube/duplicate-object',
  missingName: 'spinkube/missing-name',
  missingSpec: 'spinkube/missing-spec',
  // SpinApp
  invalidAppName: 'spinapp/invalid-name',
  missingExecutor: 'spinapp/missing-executor',
  executorNotFound: 'spinapp/executor-not-found',
  replicasWithAutoscaling: 'spinapp/replicas-with-autoscaling',
  replicasNotPositive: 'spinapp/replicas-not-positive',
  annotationsWithoutDeployment: 'spinapp/annotations-without-deployment',
  invalidMemoryLimit: 'spinapp/invalid-memory-limit',
  invocationLimitExceedsMemory: 'spinapp/invocation-limit-exceeds-memory',
  duplicateRuntimeStore: 'spinapp/duplicate-runtime-store',
  runtimeConfigConflict: 'spinapp/runtime-config-conflict',
  unknownVolume: 'spinapp/unknown-volume',
  duplicateVariable: 'spinapp/duplicate-variable',
  variableValueConflict: 'spinapp/variable-value-conflict',
  unknownComponent: 'spinapp/unknown-component',
  unknownVariable: 'spinapp/unknown-variable',
  missingRequiredVariable: 'spinapp/missing-required-variable',
  // SpinAppExecutor
  runtimeClassAndSpinImage: 'spinappexecutor/runtime-class-and-spin-image',
  missingRuntime: 'spinappexecutor/missing-runtime',
} as const;

/** Codes of the schema checks, per kind: `spinapp/unknown-field`, `spinappexecutor/invalid-type`… */
export function schemaCode(kind: 'SpinApp' | 'SpinAppExecutor', issue: string): string {
  return `${kind === 'SpinApp' ? 'spinapp' : 'spinappexecutor'}/${issue}`;
}
