// Objects a SpinKube cluster has: Spin-capable and plain nodes, the RuntimeClass, the shim
// executor, and the cert-manager and spin-operator installations.
import type { KubeObject } from './types.js';

export const RUNTIME_CLASS = 'wasmtime-spin-v2';
export const SHIM_EXECUTOR = 'containerd-shim-spin';
export const SPIN_OPERATOR_VERSION = 'v0.6.1';

export function node(name: string, index: number, spinCapable: boolean): KubeObject {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
  };
  if (spinCapable) {
    labels.spin = 'true';
    labels['spin-v2'] = 'provisioned';
  }
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      providerID: `kind://docker/spinkube/${name}`,
    },
    status: {
      capacity: { cpu: '4', memory: '8144236Ki', pods: '110', 'ephemeral-storage': '102626232Ki' },
      allocatable: { cpu: '4', memory: '8144236Ki', pods: '110', 'ephemeral-storage': '102626232Ki' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 2}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.1.0-28-amd64',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.31.4',
        kubeProxyVersion: 'v1.31.4',
        machineID: `${index}`.padStart(32, '0'),
        systemUUID: `00000000-0000-0000-0000-${`${index}`.padStart(12, '0')}`,
        bootID: `00000000-0000-0000-0000-${`${index + 100}`.padStart(12, '0')}`,
      },
    },
  };
}

export function runtimeClass(): KubeObject {
  return {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: RUNTIME_CLASS, labels: { [RUNTIME_CLASS]: 'true' } },
    handler: 'spin',
    scheduling: { nodeSelector: { spin: 'true' } },
  };
}

export function shimExecutor(namespace: string): KubeObject {
  return {
    apiVersion: 'core.spinkube.dev/v1alpha1',
    kind: 'SpinAppExecutor',
    metadata: { name: SHIM_EXECUTOR, namespace },
    spec: {
      createDeployment: true,
      deploymentConfig: { runtimeClassName: RUNTIME_CLASS, installDefaultCACerts: true },
    },
  };
}

function deployment(
  namespace: string,
  name: string,
  image: string,
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': labels['app.kubernetes.io/name']!,
          'app.kubernetes.io/component': labels['app.kubernetes.io/component'] ?? 'controller',
        },
      },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'default',
          containers: [{ name: name.replace(/-controller-manager$/, ''), image }],
        },
      },
    },
  };
}

/** cert-manager and spin-operator, as their Helm charts install them (abridged). */
export function platformDeployments(): KubeObject[] {
  const certManager = (component: string, image: string, name: string): KubeObject =>
    deployment('cert-manager', name, `quay.io/jetstack/${image}:v1.14.5`, {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': 'cert-manager',
      'app.kubernetes.io/component': component,
      'app.kubernetes.io/version': 'v1.14.5',
    });
  return [
    certManager('controller', 'cert-manager-controller', 'cert-manager'),
    certManager('cainjector', 'cert-manager-cainjector', 'cert-manager-cainjector'),
    certManager('webhook', 'cert-manager-webhook', 'cert-manager-webhook'),
    deployment(
      'spin-operator',
      'spin-operator-controller-manager',
      `ghcr.io/spinkube/spin-operator:${SPIN_OPERATOR_VERSION}`,
      {
        'app.kubernetes.io/name': 'spin-operator',
        'app.kubernetes.io/instance': 'spin-operator',
        'app.kubernetes.io/component': 'controller',
        'app.kubernetes.io/version': SPIN_OPERATOR_VERSION,
        'control-plane': 'controller-manager',
      },
    ),
  ];
}

export function spinApp(
  namespace: string,
  name: string,
  image: string,
  extra: { replicas?: number; executor?: string; annotations?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'core.spinkube.dev/v1alpha1',
    kind: 'SpinApp',
    metadata: { name, namespace, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { image, executor: extra.executor ?? SHIM_EXECUTOR, replicas: extra.replicas ?? 1 },
  };
}
