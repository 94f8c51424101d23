// The facts about a cluster that the language server's checks read, built from the model's caches:
// the default namespace, the API group, the installed SpinApp schema and the SpinAppExecutors
// (names, and the settings SpinApp checks depend on) per namespace.
import type { ClusterExecutorSettings, ClusterFacts } from '../language/types';
import type { SpinAppExecutor } from './resources';

export interface ClusterFactsInput {
  readonly defaultNamespace: string;
  readonly apiGroup: string;
  readonly executors: readonly SpinAppExecutor[];
  readonly spinAppSchema?: unknown;
}

export function clusterFactsOf(input: ClusterFactsInput): ClusterFacts {
  const executorsByNamespace: Record<string, string[]> = {};
  const executorSettings: Record<string, Record<string, ClusterExecutorSettings>> = {};
  for (const executor of input.executors) {
    const namespace = executor.metadata?.namespace ?? '';
    const name = executor.metadata?.name ?? '';
    (executorsByNamespace[namespace] ??= []).push(name);
    (executorSettings[namespace] ??= {})[name] = settingsOf(executor);
  }
  for (const names of Object.values(executorsByNamespace)) names.sort();
  return {
    defaultNamespace: input.defaultNamespace,
    executorsByNamespace,
    executorSettings,
    apiGroup: input.apiGroup,
    ...(input.spinAppSchema ? { spinAppSchema: input.spinAppSchema } : {}),
  };
}

function settingsOf(executor: SpinAppExecutor): ClusterExecutorSettings {
  const createDeployment = executor.spec?.createDeployment;
  return typeof createDeployment === 'boolean' ? { createDeployment } : {};
}
