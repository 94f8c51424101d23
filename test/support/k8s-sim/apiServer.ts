// The HTTP front of the simulator: routing of /api and /apis paths to discovery, list/watch, the
// write verbs and subresources; bearer-token auth; fault injection; going offline and back.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AccessPolicy, RULES_REVIEW_PATH, handleRulesReview } from './accessPolicy.js';
import { ApiError, methodNotAllowed, notFoundPath } from './apiErrors.js';
import { watchCrds } from './crdLifecycle.js';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Document,
  openApiV3Index,
  versionInfo,
} from './discovery.js';
import type { FaultControls, FaultRule, StorageWindow } from './faults.js';
import { FaultTable, applyFaultOrder, type FaultOrder } from './faults.js';
import { parseBody, readBody, sendError, sendJson } from './httpUtil.js';
import { handleList, handleWatch, present } from './listWatch.js';
import { PodLogs } from './podLogs.js';
import { PodPortForwarding } from './portForwardHandler.js';
import type { WriteOptions } from './resourceOps.js';
import { ResourceOps } from './resourceOps.js';
import { handleBinding, handleScale } from './subresourceHandlers.js';
import { toTable, wantsTable } from './tableOutput.js';
import { WriteHandlers, type Route } from './writeHandlers.js';
import { ObjectStore } from './store.js';
import { TypeRegistry } from './typeRegistry.js';
import type { KubeObject } from './types.js';

export interface ApiServerOptions {
  /** Require `Authorization: Bearer <token>` on API requests. */
  token?: string;
  /** Changes kept for watch resume and paginated lists (older resourceVersions get 410). */
  historyLimit?: number;
  bookmarkIntervalMs?: number;
  /** Watch timeout when the client gives none (the real server picks 30–60 minutes). */
  defaultWatchTimeoutSeconds?: number;
  /**
   * A bare API server, as envtest runs kube-apiserver: no garbage collector or namespace
   * controller inside (clients do that work), only the API server's own rules.
   */
  bare?: boolean;
}

export class KubeApiServer implements FaultControls {
  readonly store: ObjectStore;
  readonly registry = new TypeRegistry();
  readonly ops: ResourceOps;
  readonly logs: PodLogs;
  /** What the user may not do (403s, and the answer to SelfSubjectRulesReviews). */
  readonly access = new AccessPolicy();
  /** pods/portforward (websocket upgrades): where simulated pods' ports answer. */
  readonly portForward: PodPortForwarding;
  private readonly writes: WriteHandlers;
  private readonly faults = new FaultTable();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly openWatches = new Set<() => void>();
  private port = 0;
  private online = false;

  constructor(private readonly options: ApiServerOptions = {}) {
    this.store = new ObjectStore(options.historyLimit ?? 20000);
    this.ops = new ResourceOps(this.store, this.registry, !options.bare);
    this.writes = new WriteHandlers(this.store, this.ops);
    this.logs = new PodLogs(this.store);
    watchCrds(this.store, this.registry, this.ops);
    this.store.subscribe('apiextensions.k8s.io/customresourcedefinitions', (ch) => {
      if (ch.type === 'ADDED') this.faults.crdCreated(ch.object);
    });
    this.server = createServer((req, res) => void this.handle(req, res));
    this.portForward = new PodPortForwarding(this.store, this.registry, options.token);
    this.server.on('upgrade', (req, socket, head) => this.portForward.upgrade(req, socket, head));
    this.server.on('connection', (s) => {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.online = true;
  }

  async close(): Promise<void> {
    this.dropWatches();
    if (!this.online) return;
    this.online = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  // --- fault controls -------------------------------------------------------------------------
  inject(rule: FaultRule): void {
    this.faults.add(rule);
  }
  setLatency(ms: number): void {
    this.faults.latencyMs = ms;
  }
  storageInitializing(window: StorageWindow): void {
    this.faults.addStorageWindow(window);
  }
  storageInitializingAfterCrdCreate(ms: number): void {
    this.faults.setStorageAfterCrd(ms);
  }
  dropWatches(): number {
    const all = [...this.openWatches];
    for (const close of all) close();
    this.openWatches.clear();
    return all.length;
  }
  async goOffline(): Promise<void> {
    await this.close();
  }
  async goOnline(): Promise<void> {
    if (!this.online) await this.listen(this.port);
  }
  clear(): void {
    this.faults.clear();
  }

  // --- request handling -----------------------------------------------------------------------
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (process.env.SPINKUBE_SIM_TRACE) {
        process.stderr.write(`${req.method} ${req.url} ${req.headers.accept ?? ''}\n`);
      }
      if (url.pathname.startsWith('/__sim/')) return await this.control(url, req, res);
      if (this.options.token && req.headers.authorization !== `Bearer ${this.options.token}`) {
        throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      }
      const method = req.method ?? 'GET';
      const verb = this.verbOf(method, url);
      const fault = this.faults.take(verb, method, url.pathname);
      if (this.faults.latencyMs > 0) await this.delay(res, this.faults.latencyMs);
      if (fault) throw fault;
      if (url.pathname === RULES_REVIEW_PATH) {
        return await handleRulesReview(this.access, this.registry, method, req, res);
      }
      const target = this.tryRoute(url.pathname);
      this.access.enforce(verb, target?.type, target?.namespace, target?.subresource, target?.name);
      await this.route(url, method, req, res);
    } catch (err) {
      sendError(res, err);
    }
  }

  /**
   * The injected latency. It ends early when the client goes away (nothing is waiting for the
   * answer), and never keeps the process alive on its own.
   */
  private delay(res: ServerResponse, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private verbOf(method: string, url: URL): string {
    const route = this.tryRoute(url.pathname);
    const item = route?.name !== undefined;
    switch (method) {
      case 'GET':
        return item
          ? 'get'
          : url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1'
            ? 'watch'
            : 'list';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return item ? 'delete' : 'deletecollection';
      default:
        return method.toLowerCase();
    }
  }

  private async control(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (url.pathname !== '/__sim/faults' || req.method !== 'POST') throw notFoundPath();
    sendJson(res, 200, {
      ok: true,
      ...applyFaultOrder(this, parseBody(await readBody(req), false) as FaultOrder),
    });
  }

  private tryRoute(pathname: string): Route | undefined {
    const parts = pathname
      .split('/')
      .filter((p) => p.length > 0)
      .map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 3) {
      group = '';
      version = parts[1]!;
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 4) {
      group = parts[1]!;
      version = parts[2]!;
      rest = parts.slice(3);
    } else return undefined;
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      const inner = this.registry.lookup(group, version, rest[2]!);
      if (inner && inner.namespaced) {
        namespace = rest[1]!;
        rest = rest.slice(2);
      }
    }
    const type = this.registry.lookup(group, version, rest[0]!);
    if (!type) return undefined;
    if (type.namespaced && namespace === undefined && rest.length > 1) return undefined;
    const route: Route = { type, version, namespace };
    if (rest.length >= 2) route.name = rest[1]!;
    if (rest.length >= 3) route.subresource = rest[2]!;
    if (rest.length > 3) return undefined;
    return route;
  }

  private async route(url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (method === 'GET') {
      const doc = this.discovery(path);
      if (doc) return sendJson(res, 200, doc);
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
    }
    const route = this.tryRoute(path);
    if (!route && !this.servesGroupVersion(path)) {
      // No API group or version serves the path: the server's plain not-found handler answers.
      res.writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end('404 page not found\n');
      return;
    }
    if (!route) throw notFoundPath();
    const { type, version } = route;
    const namespace = route.namespace ?? '';
    const q = url.searchParams;
    if (route.name === undefined) {
      if (method === 'GET') {
        const watch = q.get('watch');
        const query = Object.fromEntries(q.entries());
        if (watch === 'true' || watch === '1') {
          return handleWatch(this.store, type, version, route.namespace, query, res, this.watchRegistry(), {
            bookmarkIntervalMs: this.options.bookmarkIntervalMs,
            defaultTimeoutSeconds: this.options.defaultWatchTimeoutSeconds ?? 1800,
          });
        }
        const asTable = wantsTable(req.headers.accept)
          ? (items: KubeObject[], metadata: object) => toTable(this.store, type, version, items, metadata)
          : undefined;
        return handleList(this.store, type, version, route.namespace, query, res, asTable);
      }
      if (method === 'POST') {
        if (type.namespaced && route.namespace === undefined) throw methodNotAllowed('create');
        return this.writes.create(route, req, res, this.writeOptions(q, req));
      }
      if (method === 'DELETE') return this.writes.deleteCollection(route, q, res);
      throw methodNotAllowed(method);
    }
    const name = route.name;
    if (route.subresource === 'log' && type.extraSubresources.includes('log') && method === 'GET') {
      return this.logs.handle(type, this.ops.get(type, namespace, name), q, res);
    }
    if (route.subresource === 'binding' && type.kind === 'Pod' && method === 'POST') {
      return handleBinding(this.ops, this.store, type, namespace, name, req, res);
    }
    if (route.subresource === 'scale' && type.scale) {
      return handleScale(
        this.ops,
        type,
        namespace,
        name,
        method,
        req,
        res,
        this.writeOptions(new URLSearchParams(), req),
      );
    }
    if (route.subresource === 'finalize' && type.kind === 'Namespace' && !type.custom && method === 'PUT') {
      const body = parseBody(await readBody(req), false) as KubeObject;
      const finalized = this.ops.namespaces.finalize(this.ops.get(type, '', name), body);
      return sendJson(res, 200, present(type, version, finalized, false));
    }
    if (route.subresource !== undefined && !(route.subresource === 'status' && type.hasStatus)) {
      throw notFoundPath();
    }
    const options = this.writeOptions(q, req);
    if (route.subresource === 'status') options.subresource = 'status';
    switch (method) {
      case 'GET': {
        const obj = this.ops.get(type, namespace, name);
        if (wantsTable(req.headers.accept) && route.subresource === undefined) {
          return sendJson(
            res,
            200,
            toTable(this.store, type, version, [obj], { resourceVersion: obj.metadata.resourceVersion }),
          );
        }
        return sendJson(res, 200, present(type, version, obj, false));
      }
      case 'PUT':
        return this.writes.replace(route, name, req, res, options);
      case 'PATCH':
        return this.writes.patch(route, name, q, req, res, options);
      case 'DELETE':
        return this.writes.delete(route, name, q, req, res);
      default:
        throw methodNotAllowed(method);
    }
  }

  /** Whether the path is under a served /api/<version> or /apis/<group>/<version> (or names no group). */
  private servesGroupVersion(path: string): boolean {
    const parts = path.split('/').filter((p) => p.length > 0);
    if (parts[0] === 'api') return parts.length < 2 || parts[1] === 'v1';
    if (parts[0] !== 'apis' || parts.length < 2) return false;
    const versions = this.registry.groups().get(decodeURIComponent(parts[1]!));
    if (!versions) return false;
    return parts.length < 3 || versions.includes(decodeURIComponent(parts[2]!));
  }

  private writeOptions(q: URLSearchParams, req: IncomingMessage): WriteOptions {
    const agent = String(req.headers['user-agent'] ?? '');
    const fallback = agent.split('/')[0]?.trim() || undefined;
    const options: WriteOptions = {
      fieldManager: q.get('fieldManager') ?? undefined,
      force: q.get('force') === 'true',
      dryRun: q.get('dryRun') === 'All',
    };
    if (!options.fieldManager && req.method !== 'PATCH') options.fieldManager = fallback;
    else if (
      !options.fieldManager &&
      !String(req.headers['content-type'] ?? '').startsWith('application/apply-patch')
    ) {
      options.fieldManager = fallback;
    }
    return options;
  }

  private discovery(path: string): object | undefined {
    if (path === '/api') return apiVersions();
    if (path === '/apis') return apiGroupList(this.registry);
    if (path === '/version') return versionInfo();
    if (path === '/openapi/v3') return openApiV3Index(this.registry);
    if (path.startsWith('/openapi/v3/')) {
      return openApiV3Document(this.registry, path.slice('/openapi/v3/'.length));
    }
    const core = /^\/api\/([^/]+)$/.exec(path);
    if (core) return apiResourceList(this.registry, '', core[1]!);
    const group = /^\/apis\/([^/]+)$/.exec(path);
    if (group) return apiGroup(this.registry, group[1]!);
    const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (gv) return apiResourceList(this.registry, gv[1]!, gv[2]!);
    return undefined;
  }

  private watchRegistry(): { add(close: () => void): () => void } {
    return {
      add: (close) => {
        this.openWatches.add(close);
        return () => this.openWatches.delete(close);
      },
    };
  }
}
