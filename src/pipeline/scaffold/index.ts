// Scaffolding SpinApp YAML, as `spin kube scaffold` does.
export { scaffoldSpinApp, SPINAPP_API_VERSION } from './spinAppDocuments';
export type { ScaffoldResult, ScaffoldedObject } from './spinAppDocuments';
export { resolveScaffoldOptions, ScaffoldError, SCAFFOLD_DEFAULTS } from './options';
export type { ScaffoldOptions, ResolvedScaffoldOptions, Autoscaler } from './options';
export { appNameFromImage, splitImageReference } from './imageReference';
export { readAppVariables, requiredVariableNames } from './appVariables';
export type { AppVariable } from './appVariables';
