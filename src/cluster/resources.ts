// The fields of Kubernetes and SpinKube objects that the explorer reads (all optional: the API
// server may send anything, and every reader copes with a missing field).
import type { KubeObject } from './kinds';

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface SpinApp extends KubeObject {
  spec?: {
    image?: string;
    executor?: string;
    replicas?: number;
    enableAutoscaling?: boolean;
    podAnnotations?: Record<string, string>;
    components?: string[];
    variables?: { name?: string; value?: string; valueFrom?: unknown }[];
  };
  status?: {
    conditions?: Condition[];
    readyReplicas?: number;
    activeScheduler?: string;
    deploymentName?: string;
    serviceName?: string;
  };
}

export interface SpinAppExecutor extends KubeObject {
  spec?: {
    createDeployment?: boolean;
    deploymentConfig?: { runtimeClassName?: string; spinImage?: string };
  };
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number; message?: string };
  };
  lastState?: { terminated?: { reason?: string; exitCode?: number; message?: string } };
}

export interface Container {
  name?: string;
  image?: string;
  args?: string[];
  env?: { name?: string; value?: string; valueFrom?: unknown }[];
}

export interface Pod extends KubeObject {
  spec?: { nodeName?: string; runtimeClassName?: string; containers?: Container[] };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    podIP?: string;
    startTime?: string;
    reason?: string;
    message?: string;
  };
}

export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: Condition[];
    nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string };
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
  };
}

export interface RuntimeClass extends KubeObject {
  handler?: string;
  scheduling?: { nodeSelector?: Record<string, string> };
}

export interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    template?: {
      metadata?: { annotations?: Record<string, string> };
      spec?: { containers?: Container[] };
    };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    conditions?: Condition[];
  };
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    ports?: { name?: string; port?: number; targetPort?: number | string; protocol?: string }[];
    selector?: Record<string, string>;
  };
}

export interface KubeEvent extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

export interface CustomResourceDefinition extends KubeObject {
  spec?: {
    group?: string;
    names?: { plural?: string; kind?: string };
    versions?: {
      name?: string;
      served?: boolean;
      storage?: boolean;
      schema?: { openAPIV3Schema?: unknown };
    }[];
  };
}

export function condition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** "3d", "5h", "12m", "40s": the age of a timestamp, as kubectl prints it. */
export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '';
  const ms = now - Date.parse(timestamp);
  if (!Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
