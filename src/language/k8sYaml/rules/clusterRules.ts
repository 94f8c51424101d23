// Checks against the connected cluster: the executor a SpinApp names must exist in its namespace.
import { stringOf, valueOf } from '../yaml/ast';
import { CODES } from '../codes';
import { error } from '../findings';
import type { SpinKubeObject } from '../spinKubeObjects';
import { namespaceKey, type FileFacts } from './ruleContext';

export function checkExecutorExists(app: SpinKubeObject, facts: FileFacts): void {
  const cluster = facts.ctx.cluster;
  if (!cluster) return;
  const name = stringOf(app.spec, 'executor');
  const node = valueOf(app.spec, 'executor');
  if (!name || !node) return;
  const namespace = namespaceKey(app, facts.ctx);
  const inCluster = cluster.executorsByNamespace[namespace] ?? [];
  const inFile = facts.executors.get(namespace);
  if (inCluster.includes(name) || inFile?.has(name)) return;
  const available = [...new Set([...inCluster, ...(inFile?.keys() ?? [])])].sort();
  const hint =
    available.length > 0 ? ` (executors there: ${available.join(', ')})` : ' (it has no SpinAppExecutors)';
  facts.report(
    error(
      CODES.executorNotFound,
      node,
      `spec.executor: Invalid value: ${JSON.stringify(name)}: executor does not exist in namespace "${namespace}"${hint}`,
      available[0] ? { replacement: available[0] } : undefined,
    ),
  );
}
