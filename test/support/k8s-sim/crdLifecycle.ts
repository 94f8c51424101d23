// Creating a CustomResourceDefinition serves its group/version/plural (discovery and CRUD) and
// marks it Established; deleting it stops serving and removes its objects.
import type { FieldError } from './apiErrors.js';
import type { ResourceOps, SchemaCheck } from './resourceOps.js';
import type { ObjectStore } from './store.js';
import type { TypeRegistry } from './typeRegistry.js';
import { typeFromCrd } from './typeRegistry.js';
import type { KubeObject } from './types.js';
import { typeKey } from './types.js';

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

function established(crd: KubeObject): boolean {
  const conditions = (crd.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
  return conditions.some((c) => c.type === 'Established' && c.status === 'True');
}

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minItems?: number;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Structural checks of the CRD's openAPIV3Schema: required fields and value types, worded as the API server. */
function checkSchema(schema: Schema, value: unknown, path: string, out: FieldError[]): void {
  if (value === undefined || value === null) return;
  const t = typeName(value);
  if (schema.type && !schema['x-kubernetes-int-or-string']) {
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) {
      out.push({
        field: path,
        message: `${path}: Invalid value: "${t}": ${path} in body must be of type ${schema.type}: "${t}"`,
        reason: 'FieldValueTypeInvalid',
      });
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({
      field: path,
      message: `${path}: Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`,
      reason: 'FieldValueNotSupported',
    });
  }
  if (t === 'object' && schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) {
      if (obj[r] === undefined) {
        out.push({
          field: `${path}.${r}`,
          message: `${path}.${r}: Required value`,
          reason: 'FieldValueRequired',
        });
      }
    }
    for (const [k, sub] of Object.entries(schema.properties)) checkSchema(sub, obj[k], `${path}.${k}`, out);
  }
  if (t === 'array' && schema.items) {
    const arr = value as unknown[];
    if (schema.minItems !== undefined && arr.length < schema.minItems) {
      out.push({
        field: path,
        message: `${path}: Invalid value: ${arr.length}: ${path} in body should have at least ${schema.minItems} items`,
        reason: 'FieldValueInvalid',
      });
    }
    arr.forEach((item, i) => checkSchema(schema.items!, item, `${path}[${i}]`, out));
  }
}

function schemaCheckFor(crd: KubeObject): SchemaCheck | undefined {
  const versions =
    (crd.spec as { versions?: { storage?: boolean; schema?: { openAPIV3Schema?: Schema } }[] }).versions ??
    [];
  const schema = (versions.find((v) => v.storage) ?? versions[0])?.schema?.openAPIV3Schema;
  if (!schema?.properties) return undefined;
  return (obj) => {
    const out: FieldError[] = [];
    for (const top of ['spec', 'status']) {
      const sub = schema.properties![top];
      if (sub) checkSchema(sub, obj[top], top, out);
    }
    if ((schema.required ?? []).includes('spec') && obj.spec === undefined) {
      out.push({ field: 'spec', message: 'spec: Required value', reason: 'FieldValueRequired' });
    }
    return out;
  };
}

export function watchCrds(store: ObjectStore, registry: TypeRegistry, ops: ResourceOps): void {
  const served = new Map<string, string>();
  store.subscribe(CRD_KEY, (ch) => {
    if (ch.type === 'DELETED') {
      const key = served.get(ch.name);
      if (key) {
        const [group, plural] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
        registry.remove(group, plural);
        ops.schemaChecks.delete(key);
        store.dropCollection(key);
        served.delete(ch.name);
      }
      return;
    }
    const type = typeFromCrd(ch.object);
    if (!type) return;
    registry.add(type);
    const check = schemaCheckFor(ch.object);
    if (check) ops.schemaChecks.set(typeKey(type.group, type.plural), check);
    else ops.schemaChecks.delete(typeKey(type.group, type.plural));
    served.set(ch.name, typeKey(type.group, type.plural));
    if (established(ch.object)) return;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const spec = ch.object.spec as { names: object; versions: { name: string; storage?: boolean }[] };
    const next: KubeObject = structuredClone(ch.object);
    next.status = {
      acceptedNames: spec.names,
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: now,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: now,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: spec.versions.filter((v) => v.storage).map((v) => v.name),
    };
    store.put(CRD_KEY, '', ch.name, next);
  });
}
