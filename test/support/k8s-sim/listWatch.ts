// list (selectors, limit/continue over a consistent snapshot, resourceVersion semantics) and
// watch (resume from a resourceVersion, bookmarks, timeouts, 410 as an ERROR event), streamed.
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest } from './apiErrors.js';
import { sendJson } from './httpUtil.js';
import type { FieldMatcher, LabelMatcher } from './selectors.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { Change, ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';
import { groupVersion, typeKey } from './types.js';

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: string | null;
  continue?: string | null;
  resourceVersion?: string | null;
  resourceVersionMatch?: string | null;
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function encodeContinue(rv: number, start: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

export class Matcher {
  readonly labels: LabelMatcher | undefined;
  readonly fields: FieldMatcher | undefined;

  constructor(
    type: ResourceType,
    readonly namespace: string | undefined,
    labelSelector: string | null | undefined,
    fieldSelector: string | null | undefined,
  ) {
    this.labels = parseLabelSelector(labelSelector);
    this.fields = parseFieldSelector(fieldSelector, type.kind, type.custom);
  }

  get selective(): boolean {
    return this.labels !== undefined || this.fields !== undefined;
  }

  matches(obj: KubeObject): boolean {
    if (this.namespace !== undefined && (obj.metadata.namespace ?? '') !== this.namespace) return false;
    if (this.labels && !this.labels(obj.metadata.labels)) return false;
    if (this.fields && !this.fields(obj)) return false;
    return true;
  }
}

/** How an object is written in a response for the requested version. */
export function present(type: ResourceType, version: string, obj: KubeObject, inList: boolean): KubeObject {
  if (inList && !type.custom) {
    const rest: KubeObject = { ...obj };
    delete rest.apiVersion;
    delete rest.kind;
    return rest;
  }
  const apiVersion = groupVersion(type.group, version);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

/** The first index whose key is >= `target` in a sorted array. */
function lowerBound(keys: readonly string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function parseRv(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`invalid ${what}: ${text}`);
  return Number(text);
}

export function handleList(
  store: ObjectStore,
  type: ResourceType,
  version: string,
  namespace: string | undefined,
  q: ListQuery,
  res: ServerResponse,
  asTable?: (items: KubeObject[], metadata: object) => object,
): void {
  const key = typeKey(type.group, type.plural);
  const matcher = new Matcher(type, namespace, q.labelSelector, q.fieldSelector);
  const limit = q.limit ? parseRv(q.limit, 'limit') : 0;
  let snapshotRv = store.currentRv;
  let start = '';
  let snapshot: Map<string, KubeObject> | undefined;
  const rvText = q.resourceVersion ?? '';
  const match = q.resourceVersionMatch ?? '';
  if (match && !rvText) {
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  }
  if (match && match !== 'Exact' && match !== 'NotOlderThan') {
    throw badRequest(
      `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
    );
  }
  if (q.continue) {
    if (rvText && rvText !== '0') {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    const token = decodeContinue(q.continue);
    start = token.start;
    snapshotRv = token.rv;
    if (snapshotRv !== store.currentRv) snapshot = store.snapshotAt(key, snapshotRv, CONTINUE_EXPIRED);
  } else if (rvText && rvText !== '0') {
    const rv = parseRv(rvText, 'resourceVersion');
    if (rv > store.currentRv) {
      throw new ApiError(504, 'Timeout', `Too large resource version: ${rv}, current: ${store.currentRv}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      });
    }
    if (match === 'Exact' && rv !== store.currentRv) {
      // The real server words an Exact list at a compacted revision so (not "too old resource version").
      snapshot = store.snapshotAt(key, rv, 'The resourceVersion for the provided list is too old.');
      snapshotRv = rv;
    }
  }
  const page: KubeObject[] = [];
  let next = '';
  let remaining = 0;
  // Keys in order and the object of a key: the live collection, or the snapshot being continued.
  const keys: readonly string[] = snapshot ? [...snapshot.keys()].sort() : store.sortedKeys(key);
  const objectAt = (k: string): KubeObject | undefined =>
    snapshot ? snapshot.get(k) : store.getByKey(key, k);
  let lo = namespace !== undefined ? lowerBound(keys, `${namespace}\u0000`) : 0;
  const hi = namespace !== undefined ? lowerBound(keys, `${namespace}\u0001`) : keys.length;
  if (start) lo = Math.max(lo, lowerBound(keys, start + '\u0000'));
  for (let i = lo; i < hi; i++) {
    const k = keys[i]!;
    const o = objectAt(k);
    if (!o || !matcher.matches(o)) continue;
    if (limit > 0 && page.length >= limit) {
      next = encodeContinue(snapshotRv, keys[i - 1] ?? k);
      remaining = hi - i;
      break;
    }
    page.push(o);
  }
  const metadata: Record<string, unknown> = { resourceVersion: String(snapshotRv) };
  if (next) {
    metadata.continue = next;
    if (!matcher.selective) metadata.remainingItemCount = remaining;
  }
  if (asTable) sendJson(res, 200, asTable(page, metadata));
  else streamList(res, type, version, metadata, page);
}

function streamList(
  res: ServerResponse,
  type: ResourceType,
  version: string,
  metadata: object,
  items: KubeObject[],
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  const apiVersion = type.custom ? groupVersion(type.group, version) : groupVersion(type.group, version);
  res.write(
    `{"kind":${JSON.stringify(type.listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`,
  );
  let i = 0;
  const writeSome = (): void => {
    let chunk = '';
    const end = Math.min(items.length, i + 500);
    for (; i < end; i++) {
      chunk += (i > 0 ? ',' : '') + JSON.stringify(present(type, version, items[i]!, true));
    }
    if (i >= items.length) {
      res.end(chunk + ']}');
      return;
    }
    if (res.write(chunk)) setImmediate(writeSome);
    else res.once('drain', writeSome);
  };
  writeSome();
}

export interface WatchQuery extends ListQuery {
  allowWatchBookmarks?: string | null;
  timeoutSeconds?: string | null;
  sendInitialEvents?: string | null;
}

export interface WatchRegistry {
  add(close: () => void): () => void;
}

export interface WatchSettings {
  /**
   * Bookmark period; undefined: as kube-apiserver's watch cache, one a minute and one 2 s before
   * the watch times out (a watch of a minute or less gets one bookmark, near its end).
   */
  bookmarkIntervalMs: number | undefined;
  defaultTimeoutSeconds: number;
}

export function handleWatch(
  store: ObjectStore,
  type: ResourceType,
  version: string,
  namespace: string | undefined,
  q: WatchQuery,
  res: ServerResponse,
  watches: WatchRegistry,
  settings: WatchSettings,
): void {
  const key = typeKey(type.group, type.plural);
  const matcher = new Matcher(type, namespace, q.labelSelector, q.fieldSelector);
  const bookmarks = q.allowWatchBookmarks === 'true' || q.allowWatchBookmarks === '1';
  const sendInitial = q.sendInitialEvents === 'true';
  const rvText = q.resourceVersion ?? '';
  let replay: Change[] = [];
  let initial: KubeObject[] = [];
  let startError: ApiError | undefined;
  if (sendInitial && (!bookmarks || q.resourceVersionMatch !== 'NotOlderThan')) {
    throw badRequest(
      'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled and allowWatchBookmarks is true and resourceVersionMatch is NotOlderThan',
    );
  }
  if (!rvText || rvText === '0' || sendInitial) {
    initial = [...store.objects(key, namespace)].filter((o) => matcher.matches(o));
  } else {
    const rv = parseRv(rvText, 'resourceVersion');
    try {
      replay = rv > store.currentRv ? [] : store.changesSince(key, rv);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      startError = err;
    }
  }
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  const send = (type2: string, object: unknown): void => {
    res.write(JSON.stringify({ type: type2, object }) + '\n');
  };
  if (startError) {
    send('ERROR', startError.toStatus());
    res.end();
    return;
  }
  let lastRv = store.currentRv;
  const emit = (ch: Change): void => {
    const now = matcher.matches(ch.object);
    const before = ch.previous ? matcher.matches(ch.previous) : false;
    lastRv = ch.rv;
    if (ch.type === 'ADDED' && now) send('ADDED', present(type, version, ch.object, false));
    else if (ch.type === 'DELETED' && before) send('DELETED', present(type, version, ch.object, false));
    else if (ch.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', present(type, version, ch.object, false));
      else if (now) send('ADDED', present(type, version, ch.object, false));
      else if (before) {
        send(
          'DELETED',
          present(
            type,
            version,
            { ...ch.previous!, metadata: { ...ch.previous!.metadata, resourceVersion: String(ch.rv) } },
            false,
          ),
        );
      }
    }
  };
  for (const o of initial) send('ADDED', present(type, version, o, false));
  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = { resourceVersion: String(Math.max(lastRv, store.currentRv)) };
    if (annotations) metadata.annotations = annotations;
    send('BOOKMARK', { kind: type.kind, apiVersion: groupVersion(type.group, version), metadata });
  };
  if (sendInitial) bookmark({ 'k8s.io/initial-events-end': 'true' });
  for (const ch of replay) emit(ch);
  const unsubscribe = store.subscribe(key, emit);
  const timers: NodeJS.Timeout[] = [];
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    unregister();
    if (!res.writableEnded) res.end();
  };
  const unregister = watches.add(() => {
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.destroy();
  });
  const timeout = q.timeoutSeconds ? Number(q.timeoutSeconds) : settings.defaultTimeoutSeconds;
  if (bookmarks && settings.bookmarkIntervalMs !== undefined) {
    const interval = setInterval(() => bookmark(), settings.bookmarkIntervalMs);
    timers.push(interval);
  } else if (bookmarks) {
    const deadline = Number.isFinite(timeout) && timeout > 0 ? Date.now() + timeout * 1000 : Infinity;
    const scheduleBookmark = (): void => {
      const now = Date.now();
      const next = Math.min(now + 60_000, deadline - 2000);
      if (next < now) return;
      timers.push(
        setTimeout(() => {
          bookmark();
          scheduleBookmark();
        }, next - now),
      );
    };
    scheduleBookmark();
  }
  if (Number.isFinite(timeout) && timeout > 0) timers.push(setTimeout(close, timeout * 1000));
  res.on('close', close);
  res.on('error', close);
}
