// One component ready to serve: fresh instances made from its compiled modules, each with its own
// WASI context (only the manifest's environment, its files at `/`, outbound HTTP checked against
// its allowed hosts) and Spin's variables and key-value. A fresh instance serves every request, as
// in Spin; to keep instantiation off the request path a few never-used instances are made ahead,
// between requests.
import type { LoadedComponent } from './componentCache';
import type { GuestHttp } from './guestHttp';
import type { IdleGate } from './idleGate';
import type { KeyValueFile } from './keyValue';
import type { LocalComponent, AppVariable } from './localApp';
import { configStoreInterface, keyValueInterface, variablesInterface } from './spinInterfaces';
import { ComponentVariables, type Environment } from './variables';
import type { GuestInstance, Shim } from './wasmRuntime';

export interface RuntimeContext {
  readonly shim: Shim;
  readonly guestHttp: GuestHttp;
  readonly appVariables: readonly AppVariable[];
  readonly env: () => Environment;
  readonly keyValue: KeyValueFile;
  readonly log: (componentId: string, line: string) => void;
  /** Ready instances kept per component (default 2). */
  readonly poolSize?: number;
  /** Refills wait until no request is in flight. */
  readonly idle: IdleGate;
}

export class ComponentRuntime {
  private readonly ready: GuestInstance[] = [];
  private refillScheduled = false;
  private stopped = false;
  private readonly makeImports: () => Record<string, unknown>;

  constructor(
    readonly component: LocalComponent,
    readonly loaded: LoadedComponent,
    /** The staged `files` folder (the guest's `/`), if any. */
    readonly filesFolder: string | undefined,
    private readonly context: RuntimeContext,
  ) {
    this.makeImports = importsFactory(component, loaded, filesFolder, context);
  }

  /** A never-used instance (made now if none is ready); a new one is made after this request. */
  take(): GuestInstance {
    const instance = this.ready.shift() ?? this.instantiate();
    this.scheduleRefill();
    return instance;
  }

  /** Fills the pool now (at start-up, so the first request does not pay for it). */
  warm(): void {
    while (this.ready.length < (this.context.poolSize ?? 2)) this.ready.push(this.instantiate());
  }

  stop(): void {
    this.stopped = true;
    this.ready.length = 0;
  }

  instantiate(): GuestInstance {
    return this.loaded.module.instantiate(this.loaded.getCoreModule, this.makeImports());
  }

  /** One instance at a time, yielding between them so requests and I/O go first. */
  private scheduleRefill(): void {
    if (this.refillScheduled || this.stopped) return;
    this.refillScheduled = true;
    this.context.idle.whenIdle(() => {
      this.refillScheduled = false;
      if (this.stopped || this.ready.length >= (this.context.poolSize ?? 2)) return;
      try {
        this.ready.push(this.instantiate());
      } catch (error) {
        this.context.log(this.component.id, `Instantiation failed: ${String(error)}`);
        return;
      }
      this.scheduleRefill();
    });
  }
}

function importsFactory(
  component: LocalComponent,
  loaded: LoadedComponent,
  filesFolder: string | undefined,
  context: RuntimeContext,
): () => Record<string, unknown> {
  const variables = new ComponentVariables(
    component.id,
    component.variables,
    context.appVariables,
    context.env,
  );
  const http = context.guestHttp.httpFor(component.allowedOutboundHosts, (lines) => {
    for (const line of lines) context.log(component.id, line);
  });
  let announced = false;
  const spin: Record<string, unknown> = {};
  for (const name of loaded.imports) {
    if (name.startsWith('fermyon:spin/variables')) spin[name] = variablesInterface(variables);
    else if (name.startsWith('wasi:config/store')) spin[name] = configStoreInterface(variables);
    else if (name.startsWith('fermyon:spin/key-value')) {
      spin[name] = keyValueInterface({
        file: context.keyValue,
        granted: component.keyValueStores,
        onOpen: () => {
          if (announced) return;
          announced = true;
          context.log(component.id, `Storing default key-value data to "${context.keyValue.filePath}".`);
        },
      });
    }
  }
  const sandbox = {
    env: component.environment,
    args: [],
    preopens: filesFolder === undefined ? {} : { '/': filesFolder },
  };
  return () => ({ ...new context.shim.WASIShim({ http, sandbox }).getImportObject(), ...spin });
}
