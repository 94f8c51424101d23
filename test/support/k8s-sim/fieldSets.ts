// Field sets as server-side apply tracks them: leaf paths of an object, their FieldsV1 form, and
// access to the value at a path. A path is a list of segments `f:<field>` or `k:<json key>`.
import { mergeKeyFor } from './patches.js';
import type { FieldsV1 } from './types.js';

export type FieldPath = readonly string[];
const SEP = '\u0001';

export function encodePath(path: FieldPath): string {
  return path.join(SEP);
}

export function decodePath(text: string): string[] {
  return text === '' ? [] : text.split(SEP);
}

const UNTRACKED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'generateName',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The owned paths of an object's fields (apiVersion, kind and identity metadata are not tracked). */
export function leafPaths(
  obj: Record<string, unknown>,
  include: (top: string) => boolean = () => true,
): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || !include(k)) continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (!UNTRACKED_METADATA.has(mk)) collect(mk, mv, ['f:metadata', `f:${mk}`], out);
      }
      continue;
    }
    collect(k, v, [`f:${k}`], out);
  }
  return out;
}

function collect(field: string, value: unknown, path: string[], out: Set<string>): void {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.add(encodePath(path));
    for (const [k, v] of entries) collect(k, v, [...path, `f:${k}`], out);
    return;
  }
  if (Array.isArray(value)) {
    const key = mergeKeyFor(field, value);
    if (key && value.length > 0 && value.every((item) => isObject(item) && item[key] !== undefined)) {
      for (const item of value as Record<string, unknown>[]) {
        const itemPath = [...path, `k:${JSON.stringify({ [key]: item[key] })}`];
        out.add(encodePath(itemPath));
        for (const [k, v] of Object.entries(item)) collect(k, v, [...itemPath, `f:${k}`], out);
      }
      return;
    }
  }
  out.add(encodePath(path));
}

export function toFieldsV1(paths: Iterable<string>): FieldsV1 {
  const root: FieldsV1 = {};
  const sorted = [...paths].sort();
  for (const p of sorted) {
    let node = root;
    for (const seg of decodePath(p)) {
      if (!node[seg]) node[seg] = {};
      node = node[seg]!;
    }
    node['.'] = node['.'] ?? {};
  }
  return tidy(root);
}

/** Drops `.` markers from nodes that have no children (a plain `{}` already means "owned"). */
function tidy(node: FieldsV1): FieldsV1 {
  const out: FieldsV1 = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '.') continue;
    const children = Object.keys(v).filter((c) => c !== '.');
    out[k] = children.length === 0 ? {} : { ...(v['.'] ? { '.': {} } : {}), ...tidy(v) };
  }
  return out;
}

export function fromFieldsV1(fields: FieldsV1 | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (node: FieldsV1, path: string[]): void => {
    const keys = Object.keys(node);
    if (keys.length === 0 || keys.includes('.')) if (path.length) out.add(encodePath(path));
    for (const k of keys) if (k !== '.') walk(node[k]!, [...path, k]);
  };
  if (fields) walk(fields, []);
  return out;
}

function step(value: unknown, seg: string): { found: boolean; value: unknown; index?: number } {
  if (seg.startsWith('f:')) {
    if (!isObject(value)) return { found: false, value: undefined };
    const k = seg.slice(2);
    return { found: k in value, value: value[k] };
  }
  if (seg.startsWith('k:') && Array.isArray(value)) {
    const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
    const index = value.findIndex(
      (item) => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v),
    );
    return index >= 0 ? { found: true, value: value[index], index } : { found: false, value: undefined };
  }
  return { found: false, value: undefined };
}

export function valueAt(obj: unknown, path: FieldPath): { found: boolean; value: unknown } {
  let cur: { found: boolean; value: unknown } = { found: true, value: obj };
  for (const seg of path) {
    cur = step(cur.value, seg);
    if (!cur.found) return cur;
  }
  return cur;
}

/** Removes the field (or list item) at `path` from `obj`, in place. */
export function removeAt(obj: unknown, path: FieldPath): void {
  if (path.length === 0) return;
  const parent = valueAt(obj, path.slice(0, -1));
  if (!parent.found) return;
  const last = path[path.length - 1]!;
  if (last.startsWith('f:') && isObject(parent.value)) delete parent.value[last.slice(2)];
  else if (Array.isArray(parent.value)) {
    const s = step(parent.value, last);
    if (s.index !== undefined) parent.value.splice(s.index, 1);
  }
}

/** `.spec.template.spec.containers[name="app"].image`, as the API server prints field paths. */
export function describePath(path: FieldPath): string {
  return path
    .map((seg) => {
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      const key = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
