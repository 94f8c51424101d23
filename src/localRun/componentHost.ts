// The Wasm side of the local server: preview2-shim's HTTP server on a private loopback port (its
// request and response bodies stream through the shim's I/O worker), where each request, already
// routed by the public listener (localListener.ts), runs in a fresh instance of its component.
// Unlike the shim's own serve loop, a trap, an error response or a handler that sets no response
// answers 500 with an empty body and the server keeps serving, as Spin does.
import type { ComponentRuntime } from './componentRuntime';
import type { GuestHttp, GuestResponse } from './guestHttp';
import type { HttpFields, IncomingRequestView, Shim } from './wasmRuntime';

/** Set by the public listener on each request it forwards: the id of the component to run. */
export const COMPONENT_HEADER = 'x-spinkube-local-component';

export class ComponentHost {
  private runtimes = new Map<string, ComponentRuntime>();
  private readonly server;
  readonly port: number;

  constructor(
    shim: Shim,
    private readonly http: GuestHttp,
    private readonly log: (componentId: string, line: string) => void,
  ) {
    this.server = new shim.http.HTTPServer({ handle: (request, outparam) => this.handle(request, outparam) });
    this.server.listen(0, '127.0.0.1');
    this.port = this.server.address().port;
  }

  /** Swaps in a new set of components; requests already running finish on the old ones. */
  setRuntimes(runtimes: ReadonlyMap<string, ComponentRuntime>): void {
    const old = this.runtimes;
    this.runtimes = new Map(runtimes);
    for (const [id, runtime] of old) if (this.runtimes.get(id) !== runtime) runtime.stop();
  }

  stop(): void {
    for (const runtime of this.runtimes.values()) runtime.stop();
    this.runtimes.clear();
    this.server.stop();
  }

  private handle(request: IncomingRequestView, outparam: unknown): void {
    const entries = (request.headers() as HttpFields).entries();
    const idEntry = entries.find(([name]) => name.toLowerCase() === COMPONENT_HEADER);
    const runtime = idEntry ? this.runtimes.get(new TextDecoder().decode(idEntry[1])) : undefined;
    if (!runtime) {
      this.http.respondEmpty(outparam, 404);
      return;
    }
    const id = runtime.component.id;
    const headers = entries.filter(([name]) => name.toLowerCase() !== COMPONENT_HEADER);
    let delivered = false;
    const fail = (reason: string): void => {
      this.log(id, `Error processing request: ${reason}`);
      if (delivered) return;
      delivered = true;
      this.http.respondEmpty(outparam, 500);
    };
    const guestOutparam = this.http.guestOutparam((response: GuestResponse) => {
      if (delivered) return;
      if (response.tag === 'err') {
        fail(`the component set an error response: ${JSON.stringify(response.val)}`);
        return;
      }
      delivered = true;
      this.http.respond(outparam, response.val);
    });
    try {
      const instance = runtime.take();
      if (typeof instance.incomingHandler?.handle !== 'function') {
        fail('the component does not export wasi:http/incoming-handler');
        return;
      }
      instance.incomingHandler.handle(this.http.guestRequest(request, headers), guestOutparam);
    } catch (error) {
      const message = error instanceof Error ? error.message : JSON.stringify(error);
      if (delivered) {
        this.log(id, `Component error after response started. The response may be incomplete: ${message}`);
      } else fail(message);
      return;
    }
    if (!delivered) fail('guest failed to produce a response prior to returning');
  }
}
