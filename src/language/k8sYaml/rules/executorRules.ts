// The admission webhook rules for SpinAppExecutors, with the operator's wording.
import { isMap, pairOf, stringOf } from '../yaml/ast';
import { CODES } from '../codes';
import { error } from '../findings';
import type { SpinKubeObject } from '../spinKubeObjects';
import type { FileFacts } from './ruleContext';

export function checkExecutorWebhook(executor: SpinKubeObject, facts: FileFacts): void {
  const configPair = pairOf(executor.spec, 'deploymentConfig');
  if (!configPair || !isMap(configPair.value)) return;
  const config = configPair.value;
  const runtimeClass = stringOf(config, 'runtimeClassName');
  const spinImage = stringOf(config, 'spinImage');
  if (runtimeClass && spinImage) {
    const at = pairOf(config, 'runtimeClassName')?.key ?? configPair.key;
    facts.report(
      error(
        CODES.runtimeClassAndSpinImage,
        at,
        `spec.deploymentConfig.runtimeClassName: Invalid value: ${JSON.stringify(runtimeClass)}: runtimeClassName and spinImage are mutually exclusive`,
      ),
    );
  } else if (!runtimeClass && !spinImage) {
    facts.report(
      error(
        CODES.missingRuntime,
        configPair.key,
        'spec.deploymentConfig.runtimeClassName: Invalid value: "": either runtimeClassName or spinImage must be set',
      ),
    );
  }
}
