// One-off reads a rollout needs besides its watches: the executor, the executors of the
// namespace, the executor's RuntimeClass, and a crashed container's last log lines.
import { ApiError } from '../../cluster/apiError';
import { Kinds, resourcePath, spinAppExecutorKind } from '../../cluster/kinds';
import type { KubeTransport } from '../../cluster/transport';
import type { ExecutorObject } from './objects';
import type { RuntimeClassFacts } from './rolloutSnapshot';

/**
 * An object's metadata.generation: null when the cluster says it does not exist, undefined when it
 * cannot be read (the caller then knows less, and decides without it).
 */
export async function readGeneration(
  transport: KubeTransport,
  path: string,
): Promise<number | null | undefined> {
  try {
    const object = await transport.request<{ metadata?: { generation?: number } }>({ path });
    return object?.metadata?.generation;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'notFound') return null;
    return undefined;
  }
}

/** The executor, or null when the cluster says it does not exist. Other failures propagate. */
export async function readExecutor(
  transport: KubeTransport,
  group: string,
  namespace: string,
  name: string,
): Promise<ExecutorObject | null> {
  if (!name) return null;
  try {
    return await transport.request<ExecutorObject>({
      path: resourcePath(spinAppExecutorKind(group), namespace, name),
    });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'notFound') return null;
    throw error;
  }
}

export async function listExecutorNames(
  transport: KubeTransport,
  group: string,
  namespace: string,
): Promise<string[]> {
  const list = await transport.request<{ items?: ExecutorObject[] }>({
    path: resourcePath(spinAppExecutorKind(group), namespace),
  });
  return (list?.items ?? []).map((e) => e.metadata?.name ?? '').filter((n) => n);
}

interface RuntimeClassObject {
  scheduling?: { nodeSelector?: Record<string, string> };
}

export async function readRuntimeClass(transport: KubeTransport, name: string): Promise<RuntimeClassFacts> {
  try {
    const rc = await transport.request<RuntimeClassObject>({
      path: resourcePath(Kinds.runtimeClass, undefined, name),
    });
    const nodeSelector = rc?.scheduling?.nodeSelector;
    return { name, exists: true, ...(nodeSelector && { nodeSelector }) };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'notFound') return { name, exists: false };
    throw error;
  }
}

/** The last `lines` log lines of a container (of its previous run when it restarted); [] when unavailable. */
export async function lastLogLines(
  transport: KubeTransport,
  namespace: string,
  pod: string,
  container: string,
  lines = 20,
): Promise<string[]> {
  const path = `${resourcePath(Kinds.pod, namespace, pod)}/log`;
  for (const previous of [true, false]) {
    try {
      const text = await transport.request<unknown>({
        path,
        query: { container, tailLines: lines, previous: previous || undefined },
      });
      const body = typeof text === 'string' ? text : text === undefined ? '' : JSON.stringify(text);
      const result = body.split('\n').filter((l) => l.length > 0);
      if (result.length > 0) return result.slice(-lines);
    } catch {
      // no previous run, or logs not served: try the current run, then give up
    }
  }
  return [];
}
