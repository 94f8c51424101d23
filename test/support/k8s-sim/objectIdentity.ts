// The checks of a request body's identity against the URL: metadata present, kind and apiVersion
// served by the endpoint, namespace matching, worded as the API server words them.
import { badRequest } from './apiErrors.js';
import type { KubeObject, ResourceType } from './types.js';
import { groupVersion } from './types.js';

export function checkIdentity(type: ResourceType, namespace: string, body: KubeObject): void {
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body.metadata !== 'object' ||
    body.metadata === null
  ) {
    if (typeof body === 'object' && body !== null && body.metadata === undefined) {
      (body as KubeObject).metadata = {};
      return;
    }
    throw badRequest("Object 'metadata' is missing in the request body");
  }
  if (body.kind !== undefined && body.kind !== type.kind) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${groupVersion(type.group, type.storageVersion)})`,
    );
  }
  if (
    body.apiVersion !== undefined &&
    !type.versions.some((v) => groupVersion(type.group, v) === body.apiVersion)
  ) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${groupVersion(type.group, type.storageVersion)})`,
    );
  }
  if (type.namespaced && body.metadata.namespace && body.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}
