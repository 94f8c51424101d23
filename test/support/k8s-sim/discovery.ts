// Discovery documents: /api, /api/v1, /apis, /apis/<group>/<version>, /version, /openapi.
import { SIM_VERSION } from './builtinTypes.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { ResourceType } from './types.js';
import { groupVersion } from './types.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceEntries(types: ResourceType[]): object[] {
  const out: object[] = [];
  for (const t of types) {
    const entry: Record<string, unknown> = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ALL_VERBS,
    };
    if (t.shortNames.length) entry.shortNames = t.shortNames;
    if (t.categories.length) entry.categories = t.categories;
    entry.storageVersionHash = Buffer.from(`${t.group}/${t.plural}`).toString('base64').slice(0, 11);
    out.push(entry);
    if (t.hasStatus) {
      out.push({
        name: `${t.plural}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
    if (t.scale) {
      out.push({
        name: `${t.plural}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
    }
    for (const sub of t.extraSubresources) {
      const kind = sub === 'log' ? 'Pod' : sub === 'binding' ? 'Binding' : t.kind;
      out.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        kind,
        verbs: sub === 'log' ? ['get'] : ['create'],
      });
    }
  }
  return out;
}

export function apiVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

export function apiGroupList(registry: TypeRegistry): object {
  const groups = [...registry.groups().entries()].filter(([g]) => g !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]!}`, version: versions[0]! },
    })),
  };
}

export function apiGroup(registry: TypeRegistry, group: string): object | undefined {
  const versions = registry.groups().get(group);
  if (!versions || group === '') return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${group}/${versions[0]!}`, version: versions[0]! },
  };
}

export function apiResourceList(registry: TypeRegistry, group: string, version: string): object | undefined {
  const types = registry.all().filter((t) => t.group === group && t.versions.includes(version));
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources: resourceEntries(types),
  };
}

export function versionInfo(): object {
  return SIM_VERSION;
}

/** A minimal OpenAPI v3 index: the group versions that exist (documents themselves are not served). */
export function openApiV3Index(registry: TypeRegistry): object {
  const paths: Record<string, object> = { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1' } };
  for (const [g, versions] of registry.groups()) {
    if (g === '') continue;
    for (const v of versions) paths[`apis/${g}/${v}`] = { serverRelativeURL: `/openapi/v3/apis/${g}/${v}` };
  }
  return { paths };
}

/**
 * An OpenAPI v3 document for one group version (`api/v1`, `apis/<group>/<version>`) with one
 * permissive schema per kind (any fields accepted): enough for kubectl, which looks up the kind's
 * schema before applying; validation itself is left to the server.
 */
export function openApiV3Document(registry: TypeRegistry, gvPath: string): object | undefined {
  const parts = gvPath.split('/');
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length === 2) [group, version] = ['', parts[1]!];
  else if (parts[0] === 'apis' && parts.length === 3) [group, version] = [parts[1]!, parts[2]!];
  else return undefined;
  const types = registry.all().filter((t) => t.group === group && t.versions.includes(version));
  if (types.length === 0) return undefined;
  const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const schemas: Record<string, object> = {};
  for (const t of types) {
    schemas[`${group || 'core'}.${version}.${t.kind}`] = {
      ...open,
      'x-kubernetes-group-version-kind': [{ group, version, kind: t.kind }],
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: open },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.13' },
    paths: {},
    components: { schemas },
  };
}
