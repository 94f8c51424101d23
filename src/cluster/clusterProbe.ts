// One-shot questions the watch caches do not answer: is spin-operator installed and ready (and
// which version), is cert-manager's API served, what is the installed SpinApp CRD's schema.
// Each answer is undefined when the cluster would not say (forbidden, unreachable), never a throw.
//   probeOperator(transport)  probeCertManager(transport)  probeSpinAppSchema(transport, group)
import { ApiError } from './apiError';
import { Kinds, resourcePath } from './kinds';
import type { OperatorInfo } from './health';
import type { CustomResourceDefinition, Deployment } from './resources';
import type { KubeTransport } from './transport';

interface DeploymentList {
  items?: Deployment[];
}

const OPERATOR_SELECTORS = ['app.kubernetes.io/name=spin-operator', 'control-plane=controller-manager'];

export async function probeOperator(transport: KubeTransport): Promise<OperatorInfo | null | undefined> {
  try {
    for (const labelSelector of OPERATOR_SELECTORS) {
      const list = await transport.request<DeploymentList>({
        path: resourcePath(Kinds.deployment),
        query: { labelSelector },
      });
      const found = list?.items?.find(
        (d) => /spin-operator/.test(d.metadata?.name ?? '') || labelSelector.startsWith('app.'),
      );
      if (found) return operatorInfo(found);
    }
    const inNamespace = await transport
      .request<DeploymentList>({ path: resourcePath(Kinds.deployment, 'spin-operator') })
      .catch(() => undefined);
    const named = inNamespace?.items?.find((d) => (d.metadata?.name ?? '').startsWith('spin-operator'));
    return named ? operatorInfo(named) : null;
  } catch (error) {
    return error instanceof ApiError && error.kind === 'notFound' ? null : undefined;
  }
}

function operatorInfo(d: Deployment): OperatorInfo {
  const replicas = d.spec?.replicas ?? 1;
  const readyReplicas = d.status?.readyReplicas ?? 0;
  const labels = d.metadata?.labels ?? {};
  const image = d.spec?.template?.spec?.containers?.find((c) =>
    (c.image ?? '').includes('spin-operator'),
  )?.image;
  const tag = image && /:([^:/@]+)(@.*)?$/.exec(image)?.[1];
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    replicas,
    readyReplicas,
    ready: readyReplicas >= replicas && replicas > 0,
    version: labels['app.kubernetes.io/version'] ?? tag ?? undefined,
  };
}

/** cert-manager is present when its API group is served, or (CRDs not visible) its Deployment runs. */
export async function probeCertManager(transport: KubeTransport): Promise<boolean | undefined> {
  try {
    await transport.request({ path: '/apis/cert-manager.io' });
    return true;
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === 'notFound')) return undefined;
  }
  try {
    const list = await transport.request<DeploymentList>({
      path: resourcePath(Kinds.deployment),
      query: { labelSelector: 'app.kubernetes.io/instance=cert-manager', limit: 1 },
    });
    return (list?.items?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

export async function probeSpinAppSchema(transport: KubeTransport, group: string): Promise<unknown> {
  try {
    const crd = await transport.request<CustomResourceDefinition>({
      path: resourcePath(Kinds.crd, undefined, `spinapps.${group}`),
    });
    const versions = crd?.spec?.versions ?? [];
    const version = versions.find((v) => v.storage) ?? versions.find((v) => v.served) ?? versions[0];
    return version?.schema?.openAPIV3Schema;
  } catch {
    return undefined;
  }
}
