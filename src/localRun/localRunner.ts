// Run a Spin app locally without the Spin CLI: build what changed, check the app and its
// components, then serve its HTTP routes (Spin's semantics, a fresh instance per request) until
// stopped. With `watch`, edits to `build.watch` files rebuild and swap the components in without
// dropping the listener; a failed build keeps the last good version serving.
import * as path from 'node:path';
import { defaultCacheFolder, loadComponent } from './componentCache';
import { ComponentHost } from './componentHost';
import { ComponentRuntime } from './componentRuntime';
import { stageFiles } from './fileMounts';
import { guestHttp, type GuestHttp } from './guestHttp';
import { IdleGate } from './idleGate';
import { KEY_VALUE_FILE, KeyValueFile } from './keyValue';
import { readLocalApp, type LocalApp } from './localApp';
import { LocalListener, type RequestLogEntry } from './localListener';
import { LocalRunError } from './localRunError';
import { buildRouter, type Router } from './routes';
import { staleComponents } from './staleComponents';
import { checkRequiredVariables, type Environment } from './variables';
import { AppWatcher } from './appWatcher';
import { loadShim, type Shim } from './wasmRuntime';

export interface LocalRunOptions {
  readonly manifestPath: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 3000; the next free port when taken. */
  readonly port?: number;
  /** Variables' `SPIN_VARIABLE_*` overrides are read from here (default process.env). */
  readonly env?: Environment;
  readonly cacheFolder?: string;
  /** Runs the build commands of these components (the pipeline's build). */
  readonly build?: (componentIds: readonly string[]) => Promise<void>;
  readonly watch?: boolean;
  /** Host messages (start-up, warnings, watch events). */
  readonly onMessage: (line: string) => void;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Lines about one component (its errors, denied requests, key-value notice). */
  readonly onComponentLog?: (componentId: string, line: string) => void;
  readonly poolSize?: number;
  readonly portAttempts?: number;
}

export interface LocalRun {
  readonly app: LocalApp;
  readonly port: number;
  readonly url: string;
  /** The first route, as a path to open in a browser. */
  readonly firstRoutePath: string;
  /** Rebuilds what changed and swaps in the new components (what watch mode does on a change). */
  reload(rebuild?: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

interface Prepared {
  readonly app: LocalApp;
  readonly router: Router;
  readonly runtimes: Map<string, ComponentRuntime>;
}

/** A browsable path for a route: wildcards and parameters become plain segments. */
export function browsablePath(route: string | undefined): string {
  if (route === undefined) return '/';
  const trimmed = route.replace(/\/\.\.\.$/, '').replace(/:[^/]+/g, 'x');
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`;
}

export async function startLocalRun(options: LocalRunOptions): Promise<LocalRun> {
  const env = options.env ?? process.env;
  const log = (id: string, line: string): void =>
    (options.onComponentLog ?? ((_, l) => options.onMessage(l)))(id, line);
  let app = readLocalApp(options.manifestPath);
  if (options.build) {
    const stale = staleComponents(app);
    if (stale.length > 0) await options.build(stale);
    app = readLocalApp(options.manifestPath);
  }
  const shim = await loadShim();
  const http = guestHttp(shim.http);
  const keyValue = new KeyValueFile(path.join(app.root, KEY_VALUE_FILE));
  const idle = new IdleGate();
  const prepare = async (): Promise<Prepared> =>
    prepareApp(readLocalApp(options.manifestPath), { shim, http, keyValue, env, log, options, idle });
  let current = await prepare();
  const host = new ComponentHost(shim, http, log);
  host.setRuntimes(current.runtimes);
  const listener = new LocalListener(current.router, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 3000,
    backendPort: host.port,
    idle,
    onRequest: (entry) => options.onRequest?.(entry),
    ...(options.portAttempts !== undefined ? { portAttempts: options.portAttempts } : {}),
  });
  let port: number;
  try {
    port = await listener.listen();
  } catch (error) {
    host.stop();
    const wanted = `${options.host ?? '127.0.0.1'}:${options.port ?? 3000}`;
    throw new LocalRunError(`Cannot listen on ${wanted}: ${(error as Error).message}`);
  }
  const hostName = options.host ?? '127.0.0.1';
  if (options.port !== undefined && options.port !== 0 && port !== options.port) {
    options.onMessage(
      `${hostName}:${options.port} is already in use; serving on ${hostName}:${port} instead.`,
    );
  }
  const url = `http://${hostName}:${port}`;
  announce(current, url, options.onMessage);

  let reloading = Promise.resolve();
  const reload = (rebuild: readonly string[] = []): Promise<void> => {
    reloading = reloading.then(async () => {
      try {
        if (rebuild.length > 0 && options.build) await options.build(rebuild);
        const next = await prepare();
        host.setRuntimes(next.runtimes);
        listener.setRouter(next.router);
        current = next;
        options.onMessage(`Reloaded ${current.app.name}: serving the new version.`);
      } catch (error) {
        options.onMessage(`${(error as Error).message} The last good version keeps serving.`);
      }
    });
    return reloading;
  };
  const watcher = options.watch
    ? new AppWatcher(current.app, (ids) => void reload(ids), options.onMessage)
    : undefined;
  return {
    get app() {
      return current.app;
    },
    port,
    url,
    get firstRoutePath() {
      return browsablePath(current.app.routes[0]?.raw);
    },
    reload,
    async stop() {
      watcher?.close();
      await listener.close();
      host.stop();
    },
  };
}

interface PrepareContext {
  readonly shim: Shim;
  readonly http: GuestHttp;
  readonly keyValue: KeyValueFile;
  readonly env: Environment;
  readonly log: (componentId: string, line: string) => void;
  readonly options: LocalRunOptions;
  readonly idle: IdleGate;
}

async function prepareApp(app: LocalApp, context: PrepareContext): Promise<Prepared> {
  checkRequiredVariables(app, context.env);
  const router = buildRouter(app.routes);
  const runtimes = new Map<string, ComponentRuntime>();
  const cacheFolder = context.options.cacheFolder ?? defaultCacheFolder();
  for (const component of app.components.values()) {
    const loaded = await loadComponent(component.id, component.sourcePath, cacheFolder);
    const files = stageFiles(app.root, component.files, component.excludeFiles);
    const runtime = new ComponentRuntime(component, loaded, files, {
      shim: context.shim,
      guestHttp: context.http,
      appVariables: app.variables,
      env: () => context.env,
      keyValue: context.keyValue,
      log: context.log,
      idle: context.idle,
      ...(context.options.poolSize !== undefined ? { poolSize: context.options.poolSize } : {}),
    });
    try {
      runtime.warm();
    } catch (error) {
      throw new LocalRunError(
        `Component ${component.id} cannot be instantiated: ${(error as Error).message}`,
      );
    }
    runtimes.set(component.id, runtime);
  }
  for (const warning of app.warnings) context.options.onMessage(warning);
  if (router.duplicates.length > 0) {
    context.options.onMessage('The following component routes are duplicates and will never be used:');
    for (const d of router.duplicates) context.options.onMessage(`    ${d.componentId}: ${d.raw}`);
  }
  return { app, router, runtimes };
}

function announce(prepared: Prepared, url: string, say: (line: string) => void): void {
  say(`Serving ${url}`);
  say('Available Routes:');
  for (const route of prepared.app.routes) {
    say(
      `  ${route.componentId}: ${url}${browsablePath(route.raw)}${route.raw.endsWith('...') ? ' (wildcard)' : ''}`,
    );
  }
}
