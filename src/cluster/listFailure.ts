// The sentence a watch cache shows when listing stops on an error: what failed, for which list.
import type { ApiError } from './apiError';
import type { ResourceKind } from './kinds';

export interface ListScope {
  /** One namespace; undefined: all namespaces (or a cluster-scoped kind). */
  readonly namespace?: string;
}

/** A sentence that says what failed and for which list. */
export function describeFailure(error: ApiError, kind: ResourceKind, scope: ListScope): string {
  const where = scope.namespace
    ? `in namespace "${scope.namespace}"`
    : kind.namespaced
      ? 'in all namespaces'
      : '';
  const what = `${kind.plural}${kind.group ? `.${kind.group}` : ''}`;
  switch (error.kind) {
    case 'unauthorized':
      return `The cluster rejected the credentials (401) while listing ${what}: they may have expired. ${error.message}`;
    case 'forbidden':
      return `Not allowed to list ${what} ${where} (403). ${error.message}`.replace(/\s+/g, ' ').trim();
    case 'notFound':
      return `The cluster does not serve ${what} (404): its CRD is not installed.`;
    default:
      return `Listing ${what} ${where} failed: ${error.message}`.replace(/\s+/g, ' ');
  }
}
