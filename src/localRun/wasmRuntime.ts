// The two npm packages the local host runs on, loaded on first use from node_modules (they are
// ES modules that load their own Wasm and worker files next to them, so they are not bundled;
// docs/decisions.md): jco's transpiler and preview2-shim (WASI 0.2 for Node).

/** A compiled core Wasm module (`WebAssembly.Module`; our lib settings have no Wasm types). */
export type CoreModule = object;

/** The part of the global `WebAssembly` we use. */
export const webAssembly = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<CoreModule> } }
).WebAssembly;

/** What we use of a jco-transpiled component module (`instantiation: 'sync'`). */
export interface TranspiledModule {
  instantiate(getCoreModule: (name: string) => CoreModule, imports: Record<string, unknown>): GuestInstance;
}

export interface GuestInstance {
  readonly incomingHandler?: { handle(request: unknown, outparam: unknown): void };
}

export interface TranspileResult {
  readonly files: Record<string, Uint8Array>;
  readonly imports: string[];
  readonly exports: [string, string][];
}

export interface Transpiler {
  transpileBytes(bytes: Uint8Array, options: Record<string, unknown>): Promise<TranspileResult>;
}

/** The constructors and statics of `wasi:http/types` we touch. */
export interface HttpTypes {
  readonly Fields: { new (): HttpFields; fromList(entries: [string, Uint8Array][]): HttpFields };
  readonly OutgoingResponse: new (headers: HttpFields) => {
    setStatusCode(code: number): void;
    body(): unknown;
  };
  readonly OutgoingBody: { finish(body: unknown, trailers: unknown): void };
  readonly ResponseOutparam: (new () => object) & { set(param: unknown, response: unknown): void };
  readonly IncomingRequest: new () => object;
  readonly [name: string]: unknown;
}

export interface HttpFields {
  entries(): [string, Uint8Array][];
}

export interface ShimHttp {
  readonly types: HttpTypes;
  readonly outgoingHandler: { handle(request: OutgoingRequestView, options: unknown): unknown };
  readonly HTTPServer: new (handler: { handle(request: IncomingRequestView, outparam: unknown): void }) => {
    listen(port: number, host: string): void;
    address(): { port: number };
    stop(): void;
  };
  readonly [name: string]: unknown;
}

export interface IncomingRequestView {
  method(): unknown;
  pathWithQuery(): string | undefined;
  scheme(): unknown;
  authority(): string | undefined;
  headers(): HttpFields;
  consume(): unknown;
}

export interface OutgoingRequestView {
  scheme(): { tag: string; val?: string } | undefined;
  authority(): string | undefined;
  pathWithQuery(): string | undefined;
}

export interface WasiShimConstructor {
  new (config: Record<string, unknown>): { getImportObject(): Record<string, unknown> };
}

export interface Shim {
  readonly http: ShimHttp;
  readonly WASIShim: WasiShimConstructor;
}

/** `import()` with a computed specifier, which bundlers leave to Node at run time. */
function importAtRunTime<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}

let shim: Promise<Shim> | undefined;
let transpiler: Promise<Transpiler> | undefined;

export function loadShim(): Promise<Shim> {
  shim ??= (async () => {
    const base = '@bytecodealliance/preview2-shim';
    const [index, instantiation] = await Promise.all([
      importAtRunTime<{ http: ShimHttp }>(base),
      importAtRunTime<{ WASIShim: WasiShimConstructor }>(`${base}/instantiation`),
    ]);
    return { http: index.http, WASIShim: instantiation.WASIShim };
  })();
  return shim;
}

export function loadTranspiler(): Promise<Transpiler> {
  transpiler ??= importAtRunTime<Transpiler>('@bytecodealliance/jco-transpile');
  return transpiler;
}

export function importComponentModule(url: string): Promise<TranspiledModule> {
  return importAtRunTime<TranspiledModule>(url);
}
