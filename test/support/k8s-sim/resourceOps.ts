// The write verbs with API server semantics: create, replace, patch (merge, JSON, strategic,
// server-side apply), status subresource, delete with finalizers and garbage collection.
import { randomUUID } from 'node:crypto';
import { AdmissionChain } from './admission.js';
import {
  ApiError,
  MODIFIED_CONFLICT,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  invalidPatchOptions,
  type FieldError,
  notFound,
  unsupportedMediaType,
} from './apiErrors.js';
import { GarbageCollector } from './garbageCollector.js';
import { NamespaceLifecycle, namespaceTerminating } from './namespaceLifecycle.js';
import { checkIdentity } from './objectIdentity.js';
import {
  checkQosClassUnchanged,
  defaultRequestsFromLimits,
  markTerminating,
  podGracePeriod,
  qosClassOf,
} from './podLifecycle.js';
import { serverSideApply, trackUpdate } from './managedFields.js';
import { applyCreateDefaults, randomSuffix, specChanged } from './objectDefaults.js';
import { jsonPatch, mergePatch, strategicMergePatch } from './patches.js';
import type { ObjectStore } from './store.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { KubeObject, ResourceType } from './types.js';
import { groupVersion, typeKey } from './types.js';

export interface WriteOptions {
  fieldManager?: string;
  force?: boolean;
  subresource?: 'status';
  dryRun?: boolean;
  /** Internal: the managedFields on the body are already final (creation through apply). */
  keepManagedFields?: boolean;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? '').split(';')[0]!.trim();
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/apply-patch+yaml' || ct === 'application/apply-patch+json') return 'apply';
  throw unsupportedMediaType(ct);
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export type { DeletePropagation } from './garbageCollector.js';
import type { DeletePropagation } from './garbageCollector.js';

/** Checks an object against its (CRD) schema after admission; returns the field errors. */
export type SchemaCheck = (obj: KubeObject) => FieldError[];

export class ResourceOps {
  readonly admission = new AdmissionChain();
  /** Schema checks by type key (set for custom resources from their CRD). */
  readonly schemaChecks = new Map<string, SchemaCheck>();
  private readonly gc: GarbageCollector;
  readonly namespaces: NamespaceLifecycle;

  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
    /** Run the garbage collector and namespace controller in the server (false: a bare API server). */
    builtinControllers = true,
  ) {
    this.gc = new GarbageCollector(
      store,
      types,
      (type, ns, name, policy) => this.delete(type, ns, name, { propagationPolicy: policy }),
      builtinControllers,
    );
    this.namespaces = new NamespaceLifecycle(
      store,
      types,
      (type, ns, name) => this.delete(type, ns, name, { propagationPolicy: 'Background' }),
      builtinControllers,
    );
  }

  private key(type: ResourceType): string {
    return typeKey(type.group, type.plural);
  }

  private storedVersion(type: ResourceType, obj: KubeObject): KubeObject {
    obj.apiVersion = groupVersion(type.group, type.storageVersion);
    obj.kind = type.kind;
    return obj;
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const obj = this.store.get(this.key(type), namespace, name);
    if (!obj) throw notFound(type, name);
    return obj;
  }

  private checkNamespace(type: ResourceType, namespace: string, name: string): void {
    if (!type.namespaced) return;
    const nsType = this.types.byKey('/namespaces')!;
    const ns = this.store.get('/namespaces', '', namespace);
    if (!ns) throw notFound(nsType, namespace);
    if (ns.metadata.deletionTimestamp) throw namespaceTerminating(type, namespace, name);
  }

  create(type: ResourceType, namespace: string, body: KubeObject, options: WriteOptions = {}): KubeObject {
    checkIdentity(type, namespace, body);
    const obj = structuredClone(body);
    const meta = obj.metadata;
    // Admission sees the name before one is generated (then the generateName prefix).
    this.checkNamespace(type, namespace, meta.name || meta.generateName || 'Unknown');
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!meta.name) {
      throw invalid(type, '', [
        {
          field: 'metadata.name',
          message: 'metadata.name: Required value: name or generateName is required',
          reason: 'FieldValueRequired',
        },
      ]);
    }
    if (this.store.get(this.key(type), namespace, meta.name)) throw alreadyExists(type, meta.name);
    if (type.namespaced) meta.namespace = namespace;
    else delete meta.namespace;
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp();
    // Kinds with a spec carry a generation (ConfigMaps, Secrets, Events… have none).
    if (type.custom || obj.spec !== undefined) meta.generation = 1;
    else delete meta.generation;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    // Most kinds drop status on create; nodes (registered by their kubelet) keep it.
    if (type.hasStatus && !(type.group === '' && type.kind === 'Node')) delete obj.status;
    if (!type.custom) applyCreateDefaults(type.kind, type.group, obj);
    if (isPod(type)) {
      defaultRequestsFromLimits(obj);
      obj.status = { ...obj.status, qosClass: qosClassOf(obj) };
    }
    this.storedVersion(type, obj);
    this.admission.run({ operation: 'CREATE', type, namespace, name: meta.name, object: obj });
    this.checkSchema(type, obj);
    if (!options.keepManagedFields) {
      delete meta.managedFields;
      trackUpdate(undefined, obj, options.fieldManager ?? 'unknown', obj.apiVersion!, () => true);
    }
    if (options.dryRun) return obj;
    this.store.put(this.key(type), namespace, meta.name, obj);
    this.gc.collectIfOwnerless(type, namespace, obj);
    return obj;
  }

  private checkSchema(type: ResourceType, obj: KubeObject): void {
    const check = this.schemaChecks.get(this.key(type));
    const errors = check ? check(obj) : [];
    if (errors.length > 0) throw invalid(type, obj.metadata.name ?? '', errors);
  }

  /** PUT of the object or of its /status. */
  replace(
    type: ResourceType,
    namespace: string,
    name: string,
    body: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    checkIdentity(type, namespace, body);
    if (body.metadata.name && body.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const live = this.get(type, namespace, name);
    const rv = body.metadata.resourceVersion;
    if (rv === undefined || rv === '') {
      if (type.custom) {
        throw invalid(type, name, [
          {
            field: 'metadata.resourceVersion',
            message: 'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
          },
        ]);
      }
    } else if (rv !== live.metadata.resourceVersion) {
      throw conflict(type, name, MODIFIED_CONFLICT);
    }
    return this.commitUpdate(type, namespace, live, structuredClone(body), options);
  }

  patch(
    type: ResourceType,
    namespace: string,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const live = this.store.get(this.key(type), namespace, name);
    if (patchType === 'apply') return this.apply(type, namespace, name, live, patch, options);
    if (!live) throw notFound(type, name);
    let next: unknown;
    if (patchType === 'merge') next = mergePatch(live, patch);
    else if (patchType === 'strategic') {
      if (type.custom) {
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
        );
      }
      next = strategicMergePatch(live, patch);
    } else next = jsonPatch(live, patch);
    const obj = next as KubeObject;
    if (typeof obj !== 'object' || obj === null || typeof obj.metadata !== 'object') {
      throw badRequest('the patch removed the object metadata');
    }
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== live.metadata.resourceVersion) throw conflict(type, name, MODIFIED_CONFLICT);
    return this.commitUpdate(type, namespace, live, obj, options);
  }

  private apply(
    type: ResourceType,
    namespace: string,
    name: string,
    live: KubeObject | undefined,
    patch: unknown,
    options: WriteOptions,
  ): KubeObject {
    if (!options.fieldManager) throw invalidPatchOptions(true);
    const config = patch as KubeObject;
    if (typeof config !== 'object' || config === null || !config.apiVersion || !config.kind) {
      throw badRequest('invalid object type: /, Kind=');
    }
    if (typeof config.metadata !== 'object' || config.metadata === null) config.metadata = {};
    checkIdentity(type, namespace, config);
    if (config.metadata.name && config.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (!live && options.subresource) throw notFound(type, name);
    const status = options.subresource === 'status';
    const include = (top: string): boolean =>
      status ? top === 'status' : !(type.hasStatus && top === 'status');
    const merged = serverSideApply({
      live,
      config,
      manager: options.fieldManager,
      force: options.force ?? false,
      apiVersion: String(config.apiVersion),
      subresource: options.subresource,
      include,
    });
    if (!live) {
      merged.metadata.name = name;
      // Creation through apply: the applier, not an updater, owns the fields.
      return this.create(type, namespace, merged, { ...options, keepManagedFields: true });
    }
    return this.commitUpdate(type, namespace, live, merged, { ...options, managedFieldsDone: true });
  }

  private commitUpdate(
    type: ResourceType,
    namespace: string,
    live: KubeObject,
    incoming: KubeObject,
    options: WriteOptions & { managedFieldsDone?: boolean },
  ): KubeObject {
    const name = live.metadata.name!;
    let next: KubeObject;
    if (options.subresource === 'status') {
      next = { ...structuredClone(live), status: incoming.status };
      if (incoming.metadata.managedFields && options.managedFieldsDone) {
        next.metadata.managedFields = incoming.metadata.managedFields;
      }
    } else {
      next = incoming;
      if (type.hasStatus) {
        if (live.status === undefined) delete next.status;
        else next.status = structuredClone(live.status);
      }
    }
    const meta = next.metadata;
    meta.name = name;
    meta.uid = live.metadata.uid;
    meta.creationTimestamp = live.metadata.creationTimestamp;
    if (type.namespaced) meta.namespace = namespace;
    if (live.metadata.generation === undefined) delete meta.generation;
    else meta.generation = live.metadata.generation;
    if (live.metadata.deletionTimestamp) meta.deletionTimestamp = live.metadata.deletionTimestamp;
    if (meta.generation !== undefined && options.subresource !== 'status' && specChanged(live, next)) {
      meta.generation += 1;
    }
    this.storedVersion(type, next);
    if (isPod(type)) checkQosClassUnchanged(type, live, next);
    this.admission.run({
      operation: 'UPDATE',
      type,
      namespace,
      name,
      object: next,
      oldObject: live,
      subresource: options.subresource,
    });
    this.checkSchema(type, next);
    if (!options.managedFieldsDone) {
      const status = options.subresource === 'status';
      const include = (top: string): boolean =>
        status ? top === 'status' : !(type.hasStatus && top === 'status');
      next.metadata.managedFields = live.metadata.managedFields;
      trackUpdate(
        live,
        next,
        options.fieldManager ?? 'unknown',
        next.apiVersion!,
        include,
        options.subresource,
      );
    }
    if (
      JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: '', managedFields: [] } }) ===
      JSON.stringify({ ...live, metadata: { ...live.metadata, resourceVersion: '', managedFields: [] } })
    ) {
      // A no-op write does not bump the resourceVersion.
      return live;
    }
    if (options.dryRun) return next;
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0) {
      this.store.put(this.key(type), namespace, name, next);
      this.gc.finishDelete(type, namespace, name, 'Background');
      return next;
    }
    this.store.put(this.key(type), namespace, name, next);
    return next;
  }

  delete(
    type: ResourceType,
    namespace: string,
    name: string,
    options: {
      propagationPolicy?: DeletePropagation;
      preconditions?: { uid?: string; resourceVersion?: string };
      dryRun?: boolean;
      gracePeriodSeconds?: number;
    } = {},
  ): KubeObject {
    const live = this.get(type, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== live.metadata.uid) {
      throw conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${live.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion) {
      throw conflict(
        type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`,
      );
    }
    if (options.dryRun) return live;
    const policy = options.propagationPolicy ?? 'Background';
    const finalizers = live.metadata.finalizers ?? [];
    if (type.kind === 'Namespace' && !type.custom) return this.namespaces.delete(type, live);
    if (isPod(type)) {
      const grace = podGracePeriod(live, options.gracePeriodSeconds);
      const graceful = markTerminating(this.store, this.key(type), live, grace);
      if (graceful) return graceful;
    }
    if (finalizers.length > 0) {
      if (live.metadata.deletionTimestamp) return live;
      const marked = structuredClone(live);
      marked.metadata.deletionTimestamp = timestamp();
      marked.metadata.deletionGracePeriodSeconds = 0;
      this.store.put(this.key(type), namespace, name, marked);
      return marked;
    }
    return this.gc.finishDelete(type, namespace, name, policy);
  }
}

function isPod(type: ResourceType): boolean {
  return type.group === '' && type.kind === 'Pod';
}
