// The wasi:http objects a guest sees, built on preview2-shim's: the incoming request with the
// `spin-*` headers added and our internal header removed, a response outparam that reports to the
// host instead of ending the process on an error, a 500 for failed requests, and an outgoing
// handler that enforces `allowed_outbound_hosts` as Spin does.
import { isAllowed, outboundTarget } from './allowedHosts';
import type {
  HttpFields,
  HttpTypes,
  IncomingRequestView,
  OutgoingRequestView,
  ShimHttp,
} from './wasmRuntime';

export type GuestResponse =
  { readonly tag: 'ok'; readonly val: unknown } | { readonly tag: 'err'; readonly val: unknown };

export interface GuestHttp {
  /** The shim's http namespace with our outparam class and outbound policy, for one component. */
  httpFor(allowedHosts: readonly string[], onDenied: (lines: string[]) => void): ShimHttp;
  /** The guest's view of an incoming request, with `headers` in place of the request's own. */
  guestRequest(inner: IncomingRequestView, headers: [string, Uint8Array][]): object;
  guestOutparam(deliver: (response: GuestResponse) => void): object;
  /** Answers the shim's outparam: the guest's response, or an empty response with `status`. */
  respond(outparam: unknown, response: unknown): void;
  respondEmpty(outparam: unknown, status: number): void;
}

function schemeName(scheme: { tag: string; val?: string } | undefined): string {
  if (!scheme) return 'https';
  if (scheme.tag === 'HTTP') return 'http';
  if (scheme.tag === 'HTTPS') return 'https';
  return (scheme.val ?? '').toLowerCase();
}

export function guestHttp(http: ShimHttp): GuestHttp {
  const types = http.types;
  const ShimOutparam = types.ResponseOutparam;

  class GuestOutparam extends ShimOutparam {
    constructor(readonly deliver: (response: GuestResponse) => void) {
      super();
    }

    static override set(param: unknown, response: GuestResponse): void {
      if (param instanceof GuestOutparam) param.deliver(response);
      else ShimOutparam.set(param, response);
    }
  }

  class GuestRequest extends types.IncomingRequest {
    constructor(
      private readonly inner: IncomingRequestView,
      private readonly fields: HttpFields,
    ) {
      super();
    }
    method(): unknown {
      return this.inner.method();
    }
    pathWithQuery(): string | undefined {
      return this.inner.pathWithQuery();
    }
    scheme(): unknown {
      return this.inner.scheme();
    }
    authority(): string | undefined {
      return this.inner.authority();
    }
    headers(): HttpFields {
      return this.fields;
    }
    consume(): unknown {
      return this.inner.consume();
    }
  }

  const guestTypes = { ...types, ResponseOutparam: GuestOutparam } as unknown as HttpTypes;

  return {
    httpFor(allowedHosts, onDenied) {
      const handle = http.outgoingHandler.handle.bind(http.outgoingHandler);
      return {
        ...http,
        types: guestTypes,
        outgoingHandler: {
          handle(request: OutgoingRequestView, options: unknown): unknown {
            const scheme = schemeName(request.scheme());
            const authority = request.authority() ?? '';
            if (!isAllowed(allowedHosts, outboundTarget(scheme, authority))) {
              const destination = `${scheme}://${authority}`;
              onDenied([
                `Warning: A component tried to make an outbound network connection to disallowed destination '${destination}'.`,
                `To allow this request, add 'allowed_outbound_hosts = ["${destination}"]' to the manifest component section.`,
              ]);
              throw { tag: 'HTTP-request-denied' };
            }
            return handle(request, options);
          },
        },
      };
    },
    guestRequest: (inner, headers) => new GuestRequest(inner, types.Fields.fromList(headers)),
    guestOutparam: (deliver) => new GuestOutparam(deliver),
    respond(outparam, response) {
      ShimOutparam.set(outparam, { tag: 'ok', val: response });
    },
    respondEmpty(outparam, status) {
      const response = new types.OutgoingResponse(new types.Fields());
      response.setStatusCode(status);
      const body = response.body();
      ShimOutparam.set(outparam, { tag: 'ok', val: response });
      types.OutgoingBody.finish(body, undefined);
    },
  };
}
