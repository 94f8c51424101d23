// Deploying SpinApps: apply, follow the rollout, explain failures, undeploy what we applied.
export { deploySpinApp } from './deploy';
export type { DeployOptions, DeployResult } from './deploy';
export { applyObject, applyObjects } from './apply';
export type { AppliedObject, ApplyOptions } from './apply';
export { followRollout, RolloutFailure } from './followRollout';
export type { FollowOptions, RolloutResult } from './followRollout';
export { undeploy } from './undeploy';
export type { UndeployOptions, UndeployResult } from './undeploy';
export { judgeRollout } from './rolloutVerdict';
export type { FailureCause, RolloutVerdict } from './rolloutVerdict';
export type { RolloutSnapshot } from './rolloutSnapshot';
export { parseApplyConflicts } from './apiFailures';
export { FIELD_MANAGER, MANAGED_BY_LABEL, isOurs } from './ownership';
export type { DeployCluster } from './clusterAccess';
export { objectsFromYaml } from './yamlObjects';
