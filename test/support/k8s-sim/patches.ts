// JSON merge patch (RFC 7386), JSON patch (RFC 6902) and an approximation of strategic merge patch
// (lists of objects merged by their Kubernetes merge key, `$patch: delete|replace` directives).
import { ApiError, badRequest } from './apiErrors.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

/** The field a list of objects is merged by, per field name (as in the Kubernetes Go types). */
export function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  const known: Record<string, string> = {
    containers: 'name',
    initContainers: 'name',
    ephemeralContainers: 'name',
    volumes: 'name',
    env: 'name',
    imagePullSecrets: 'name',
    volumeMounts: 'mountPath',
    conditions: 'type',
    ownerReferences: 'uid',
    tolerations: 'key',
    hostAliases: 'ip',
  };
  const key = known[field];
  if (key) return key;
  if (field === 'ports') {
    const first = items.find(isObject);
    if (first && 'containerPort' in first) return 'containerPort';
    return 'port';
  }
  return undefined;
}

function strategicList(field: string, target: Json[] | undefined, patch: Json[]): Json[] {
  const key = mergeKeyFor(field, patch.length ? patch : (target ?? []));
  if (!key || !patch.every(isObject)) return structuredClone(patch);
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')).map((p) => structuredClone(p));
  }
  const out: Json[] = (target ?? []).map((t) => t);
  for (const p of patch as JsonObject[]) {
    const idx = out.findIndex((t) => isObject(t) && t[key] === p[key]);
    if (p['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMergePatch(out[idx], p) as Json;
    else out.push(strategicMergePatch(undefined, p) as Json);
  }
  return out;
}

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch['$patch'] === 'replace') {
    const rest = { ...patch };
    delete rest['$patch'];
    return strategicMergePatch(undefined, rest);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) {
      out[k] = strategicList(k, Array.isArray(out[k]) ? (out[k] as Json[]) : undefined, v);
    } else if (isObject(v) && v['$patch'] === 'delete') delete out[k];
    else out[k] = strategicMergePatch(out[k], v) as Json;
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) {
    throw badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`,
    );
  }
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc: Json, parts: string[], path: string): { parent: Json; last: string } {
  let cur: Json = doc;
  for (const p of parts.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
    if (next === undefined) throw jsonPatchError(`doc is missing path: "${path}": missing value`);
    cur = next;
  }
  return { parent: cur, last: parts[parts.length - 1]! };
}

function jsonPatchError(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function getAt(doc: Json, path: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) return doc;
  const { parent, last } = walk(doc, parts, path);
  const v = Array.isArray(parent) ? parent[Number(last)] : isObject(parent) ? parent[last] : undefined;
  if (v === undefined) throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  return v;
}

function removeAt(doc: Json, path: string): Json {
  const parts = pointer(path);
  const { parent, last } = walk(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw jsonPatchError(`doc is missing path: "${path}": missing value`);
    return parent.splice(i, 1)[0]!;
  }
  if (!isObject(parent) || !(last in parent)) {
    throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  }
  const v = parent[last]!;
  delete parent[last];
  return v;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const { parent, last } = walk(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!(i >= 0 && i <= parent.length)) {
      throw jsonPatchError(`add operation does not apply: doc is missing path: "${path}"`);
    }
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    if (replace && !(last in parent)) {
      throw jsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    }
    parent[last] = value;
  } else throw jsonPatchError(`doc is missing path: "${path}": missing value`);
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  }
  let doc = structuredClone(target) as Json;
  for (const raw of ops as JsonPatchOp[]) {
    if (!isObject(raw as unknown) || typeof raw.path !== 'string') {
      throw badRequest('invalid JSON patch operation');
    }
    const value = raw.value as Json;
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, structuredClone(value), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, structuredClone(value), true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const v = removeAt(doc, raw.from ?? '');
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, structuredClone(getAt(doc, raw.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(value)) {
          throw jsonPatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}
