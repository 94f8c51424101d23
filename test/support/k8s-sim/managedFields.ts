// Field ownership: server-side apply (merge, conflicts, force, removal of fields a manager stopped
// applying) and the bookkeeping of ordinary updates (the changed fields move to the updater).
import { ApiError } from './apiErrors.js';
import {
  decodePath,
  describePath,
  fromFieldsV1,
  leafPaths,
  removeAt,
  toFieldsV1,
  valueAt,
} from './fieldSets.js';
import { mergeKeyFor } from './patches.js';
import type { KubeObject, ManagedFieldsEntry } from './types.js';

interface Owner {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: Set<string>;
}

function owners(obj: KubeObject | undefined): Owner[] {
  return (obj?.metadata.managedFields ?? []).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    subresource: e.subresource,
    paths: fromFieldsV1(e.fieldsV1),
  }));
}

function entries(list: Owner[]): ManagedFieldsEntry[] {
  return list
    .filter((o) => o.paths.size > 0)
    .map((o) => {
      const e: ManagedFieldsEntry = {
        manager: o.manager,
        operation: o.operation,
        apiVersion: o.apiVersion,
        time: o.time,
        fieldsType: 'FieldsV1',
        fieldsV1: toFieldsV1(o.paths),
      };
      if (o.subresource) e.subresource = o.subresource;
      return e;
    });
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merges an applied configuration into the live object: maps deep, keyed lists by key, others replaced. */
function mergeApplied(live: unknown, config: unknown, field = ''): unknown {
  if (isObject(config)) {
    const out: Record<string, unknown> = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(config)) out[k] = mergeApplied(out[k], v, k);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const key = mergeKeyFor(field, config);
    if (key && config.every((c) => isObject(c) && c[key] !== undefined)) {
      const out = [...live];
      for (const item of config as Record<string, unknown>[]) {
        const i = out.findIndex((x) => isObject(x) && x[key] === item[key]);
        if (i >= 0) out[i] = mergeApplied(out[i], item);
        else out.push(structuredClone(item));
      }
      return out;
    }
  }
  return structuredClone(config);
}

export interface ApplyInput {
  live: KubeObject | undefined;
  config: KubeObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  subresource?: string;
  /** Top-level fields this endpoint may set (e.g. only `status` on /status). */
  include: (top: string) => boolean;
}

/** The object after applying `config` as `manager`; throws 409 listing the conflicting fields. */
export function serverSideApply(input: ApplyInput): KubeObject {
  const { live, config, manager } = input;
  const applied = leafPaths(config as unknown as Record<string, unknown>, input.include);
  const list = owners(live);
  if (live) {
    const conflicts: FieldConflict[] = [];
    for (const o of list) {
      if (o.manager === manager && o.operation === 'Apply') continue;
      if ((o.subresource ?? '') !== (input.subresource ?? '')) continue;
      for (const p of applied) {
        if (!o.paths.has(p)) continue;
        const path = decodePath(p);
        if (same(valueAt(live, path).value, valueAt(config, path).value)) continue;
        if (input.force) o.paths.delete(p);
        else {
          conflicts.push({
            manager: o.manager,
            operation: o.operation,
            apiVersion: o.apiVersion,
            ...(o.subresource ? { subresource: o.subresource } : {}),
            path: describePath(path),
          });
        }
      }
    }
    if (conflicts.length > 0) throw applyConflict(conflicts);
  }
  const base = live ? structuredClone(live) : ({ metadata: {} } as KubeObject);
  const merged = mergeApplied(base, stripIdentity(config, input.include)) as KubeObject;
  let mine = list.find(
    (o) =>
      o.manager === manager && o.operation === 'Apply' && (o.subresource ?? '') === (input.subresource ?? ''),
  );
  if (mine) {
    for (const p of mine.paths) {
      if (applied.has(p)) continue;
      const sharedWith = list.some((o) => o !== mine && o.paths.has(p));
      if (!sharedWith) removeAt(merged, decodePath(p));
    }
  } else {
    mine = { manager, operation: 'Apply', apiVersion: input.apiVersion, time: now(), paths: new Set() };
    if (input.subresource) mine.subresource = input.subresource;
    list.push(mine);
  }
  mine.paths = applied;
  mine.time = now();
  mine.apiVersion = input.apiVersion;
  merged.metadata.managedFields = entries(list);
  return merged;
}

function stripIdentity(config: KubeObject, include: (top: string) => boolean): KubeObject {
  const out: KubeObject = { metadata: { ...config.metadata } };
  for (const [k, v] of Object.entries(config)) {
    if (k !== 'metadata' && (k === 'apiVersion' || k === 'kind' || include(k))) out[k] = v;
  }
  delete out.metadata.managedFields;
  delete out.metadata.resourceVersion;
  return out;
}

interface FieldConflict {
  manager: string;
  operation: string;
  apiVersion: string;
  subresource?: string;
  path: string;
}

/** How kube-apiserver names a conflicting manager: `"m"`, `"m" with subresource "status"`, `… using apps/v1` for Update managers only. */
function printManager(c: FieldConflict): string {
  let who = JSON.stringify(c.manager);
  if (c.subresource) who += ` with subresource ${JSON.stringify(c.subresource)}`;
  return c.operation === 'Update' ? `${who} using ${c.apiVersion}` : who;
}

function applyConflict(found: FieldConflict[]): ApiError {
  // Managers in sorted order, each one's fields sorted, as the real server lists them.
  const conflicts = [...found].sort(
    (a, b) =>
      printManager(a).localeCompare(printManager(b)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const k = printManager(c);
    byManager.set(k, [...(byManager.get(k) ?? []), c.path]);
  }
  const n = conflicts.length;
  let message: string;
  if (n === 1) {
    message = `Apply failed with 1 conflict: conflict with ${[...byManager.keys()][0]!}: ${conflicts[0]!.path}`;
  } else {
    const lines = [...byManager.entries()].flatMap(([who, paths]) => [
      `conflicts with ${who}:`,
      ...paths.map((p) => `- ${p}`),
    ]);
    message = `Apply failed with ${n} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(c)}`,
      field: c.path,
    })),
  });
}

/** Records an ordinary write by `manager`: changed fields move to it; removed fields leave every owner. */
export function trackUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  apiVersion: string,
  include: (top: string) => boolean,
  subresource?: string,
): void {
  const list = owners(before);
  const newPaths = leafPaths(after as unknown as Record<string, unknown>, include);
  const oldPaths = before
    ? leafPaths(before as unknown as Record<string, unknown>, include)
    : new Set<string>();
  const changed = new Set<string>();
  for (const p of newPaths) {
    const path = decodePath(p);
    if (!oldPaths.has(p) || !same(valueAt(before, path).value, valueAt(after, path).value)) changed.add(p);
  }
  for (const o of list) {
    for (const p of o.paths) {
      if (changed.has(p) && !(o.manager === manager && o.operation === 'Update')) o.paths.delete(p);
      else if (!newPaths.has(p) && oldPaths.has(p) && (o.subresource ?? '') === (subresource ?? '')) {
        o.paths.delete(p);
      }
    }
  }
  if (changed.size > 0) {
    let mine = list.find(
      (o) =>
        o.manager === manager && o.operation === 'Update' && (o.subresource ?? '') === (subresource ?? ''),
    );
    if (!mine) {
      mine = { manager, operation: 'Update', apiVersion, time: now(), paths: new Set() };
      if (subresource) mine.subresource = subresource;
      list.push(mine);
    }
    for (const p of changed) mine.paths.add(p);
    mine.time = now();
  }
  after.metadata.managedFields = entries(list);
}
