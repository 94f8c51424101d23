// The fields of the objects a rollout is followed through (SpinApp, Deployment, Pod, Event,
// SpinAppExecutor), as the deploy code reads them. Everything is optional: the cluster may send less.
import type { KubeObject } from '../../cluster/kinds';

export interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface SpinAppObject extends KubeObject {
  spec?: {
    image?: string;
    executor?: string;
    replicas?: number;
    enableAutoscaling?: boolean;
    variables?: { name?: string; value?: string; valueFrom?: unknown }[];
    podAnnotations?: Record<string, string>;
    podLabels?: Record<string, string>;
    serviceAccountName?: string;
    [key: string]: unknown;
  };
  status?: { conditions?: Condition[]; readyReplicas?: number; activeScheduler?: string };
}

export interface ExecutorObject extends KubeObject {
  spec?: { createDeployment?: boolean; deploymentConfig?: { runtimeClassName?: string; spinImage?: string } };
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  args?: string[];
  env?: { name?: string; value?: string; valueFrom?: unknown }[];
}

export interface DeploymentObject extends KubeObject {
  spec?: {
    replicas?: number;
    template?: { spec?: { containers?: ContainerSpec[]; runtimeClassName?: string } };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Condition[];
  };
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}

export interface ContainerStatus {
  name?: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodObject extends KubeObject {
  spec?: { nodeName?: string; runtimeClassName?: string; containers?: ContainerSpec[] };
  status?: { phase?: string; conditions?: Condition[]; containerStatuses?: ContainerStatus[] };
}

export interface EventObject extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  lastTimestamp?: string;
  eventTime?: string;
}

/** True when a condition of that type has status "True". */
export function conditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}
