// Which resources are served: the built-ins plus what each established CustomResourceDefinition adds.
import { builtinTypes } from './builtinTypes.js';
import type { KubeObject, ResourceType } from './types.js';
import { typeKey } from './types.js';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string } };
}

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: {
    plural: string;
    singular?: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

/** The resource type a CustomResourceDefinition serves, or undefined if it serves no version. */
export function typeFromCrd(crd: KubeObject): ResourceType | undefined {
  const spec = crd.spec as unknown as CrdSpec | undefined;
  if (!spec?.group || !spec.names?.plural || !spec.names.kind || !Array.isArray(spec.versions)) {
    return undefined;
  }
  const served = spec.versions.filter((v) => v.served !== false);
  if (served.length === 0) return undefined;
  const storage = spec.versions.find((v) => v.storage) ?? served[0]!;
  const sub = storage.subresources ?? served[0]!.subresources ?? {};
  return {
    group: spec.group,
    versions: served.map((v) => v.name),
    storageVersion: storage.name,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    namespaced: spec.scope !== 'Cluster',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    hasStatus: sub.status !== undefined,
    scale: sub.scale
      ? { specReplicasPath: sub.scale.specReplicasPath, statusReplicasPath: sub.scale.statusReplicasPath }
      : undefined,
    extraSubresources: [],
    custom: true,
  };
}

export class TypeRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor() {
    for (const t of builtinTypes()) this.types.set(typeKey(t.group, t.plural), t);
  }

  add(type: ResourceType): void {
    this.types.set(typeKey(type.group, type.plural), type);
  }

  remove(group: string, plural: string): void {
    this.types.delete(typeKey(group, plural));
  }

  byKey(key: string): ResourceType | undefined {
    return this.types.get(key);
  }

  /** The type served at /apis/group/version/plural (or /api/v1/plural), if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const t = this.types.get(typeKey(group, plural));
    return t && t.versions.includes(version) ? t : undefined;
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    for (const t of this.types.values()) if (t.group === group && t.kind === kind) return t;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Groups with their served versions, core group first, then built-ins, then custom groups. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const t of this.types.values()) {
      const versions = out.get(t.group) ?? [];
      for (const v of t.versions) if (!versions.includes(v)) versions.push(v);
      out.set(t.group, versions);
    }
    return out;
  }
}
