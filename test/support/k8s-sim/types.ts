// Shapes shared by the parts of the Kubernetes API simulator.

/** A Kubernetes object as stored: plain JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

export interface FieldsV1 {
  [segment: string]: FieldsV1;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** One served resource (a plural of a group), possibly in several versions. */
export interface ResourceType {
  readonly group: string;
  readonly versions: readonly string[];
  /** The version objects are stored in (for CRDs, the storage version). */
  readonly storageVersion: string;
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly hasStatus: boolean;
  /** Scale subresource: where the replica count lives in spec/status. */
  readonly scale?: { readonly specReplicasPath: string; readonly statusReplicasPath: string };
  /** Extra subresources served as GET only (pods/log). */
  readonly extraSubresources: readonly string[];
  /** Whether this type came from a CustomResourceDefinition. */
  readonly custom: boolean;
}

/** The key a resource type is stored under: `group/plural` (core group: `/plural`). */
export function typeKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

/** `v1` for the core group, else `group/version`. */
export function groupVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The name the API server uses for a resource in messages: `pods`, `spinapps.core.spinkube.dev`. */
export function qualifiedResource(type: ResourceType): string {
  return type.group === '' ? type.plural : `${type.plural}.${type.group}`;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
