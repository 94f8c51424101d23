// Changes and reads the explorer's actions make, on plain API paths (no VS Code):
//   scaleSpinApp(t, group, ns, name, replicas)   merge-patches spec.replicas
//   restartSpinApp(t, group, ns, name, now)      sets the pod annotation spinkube.dev/restartedAt through
//       the SpinApp's spec.podAnnotations: spin-operator copies podAnnotations onto the Deployment's pod
//       template, so the Deployment rolls out new pods (SPEC §1c.5). An executor with
//       createDeployment: false refuses podAnnotations (its webhook says so), and there is nothing to restart.
//   deleteObject(t, kind, ns, name)   getObject(t, kind, ns, name)   listWarnings(t, ns, name)
import { Kinds, resourcePath, spinAppKind, type KubeObject, type ResourceKind } from './kinds';
import type { KubeEvent } from './resources';
import type { KubeTransport } from './transport';

export const RESTARTED_AT_ANNOTATION = 'spinkube.dev/restartedAt';
const MERGE_PATCH = 'application/merge-patch+json';

export function validReplicas(text: string): number | string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of replicas (0 or more).';
  const n = Number(trimmed);
  if (n > 10_000) return 'That is more replicas than a SpinApp should ask for (at most 10000).';
  return n;
}

export async function scaleSpinApp(
  t: KubeTransport,
  group: string,
  namespace: string,
  name: string,
  replicas: number,
): Promise<KubeObject> {
  return t.request<KubeObject>({
    method: 'PATCH',
    path: resourcePath(spinAppKind(group), namespace, name),
    body: { spec: { replicas } },
    contentType: MERGE_PATCH,
  });
}

export async function restartSpinApp(
  t: KubeTransport,
  group: string,
  namespace: string,
  name: string,
  now: Date = new Date(),
): Promise<KubeObject> {
  return t.request<KubeObject>({
    method: 'PATCH',
    path: resourcePath(spinAppKind(group), namespace, name),
    body: { spec: { podAnnotations: { [RESTARTED_AT_ANNOTATION]: now.toISOString() } } },
    contentType: MERGE_PATCH,
  });
}

export async function deleteObject(
  t: KubeTransport,
  kind: ResourceKind,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  await t.request({
    method: 'DELETE',
    path: resourcePath(kind, namespace, name),
    body: { propagationPolicy: 'Background' },
  });
}

/** Events about one object (by name), newest last, fetched with a field selector (no full list). */
export async function listEventsFor(
  t: KubeTransport,
  namespace: string | undefined,
  name: string,
): Promise<KubeEvent[]> {
  const body = await t.request<{ items?: KubeEvent[] }>({
    path: resourcePath(Kinds.event, namespace),
    query: { fieldSelector: `involvedObject.name=${name}` },
  });
  return body?.items ?? [];
}
