// A small HTTP client for the OCI distribution API of one registry: keep-alive connections, the
// auth handshake Docker does (GET /v2/, then Basic or a Bearer token from the challenge's realm),
// streamed request bodies, and errors named by cause. Credentials never appear in messages.
// Each host (the registry, a token realm elsewhere) gets its own route: direct, or through the
// proxy the environment names (registryRoute).
import * as http from 'node:http';
import { open } from 'node:fs/promises';
import { proxyReason, type ProxyEnvironment } from '../../cluster/proxyAgent';
import { PipelineError } from '../events';
import type { RegistryCredentials } from './credentials';
import { errorForNetwork, errorForStatus } from './registryErrors';
import { registryRoute, routedRequest, type RegistryRoute } from './registryRoute';
import { basicAuth, tokenOf, tokenRequest } from './tokenRequest';

export interface RegistryResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * A body: bytes, or a file streamed from disk through two reused buffers (so a layer is never
 * held in memory and streaming allocates nothing). `onChunk` sees every chunk as it is sent, with
 * its offset; a retried request starts again at offset 0.
 */
export type RequestBody =
  | Buffer
  | {
      readonly file: string;
      readonly length: number;
      readonly onChunk?: (chunk: Buffer, offset: number) => void;
    };

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  readonly body?: RequestBody;
  /** What the request does, for error messages ("upload of layer …"). */
  readonly what: string;
  /** Statuses that are answers, not errors (e.g. 404 for HEAD). */
  readonly accept?: readonly number[];
}

export interface RegistryClientOptions {
  /** host[:port] of the API */
  readonly host: string;
  readonly plainHttp: boolean;
  readonly credentials?: RegistryCredentials;
  readonly signal?: AbortSignal;
  readonly maxSockets?: number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: process.env). */
  readonly env?: ProxyEnvironment;
}

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const m of (match[2] ?? '').matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}

export class RegistryClient {
  readonly baseUrl: string;
  private readonly routes = new Map<string, RegistryRoute>();
  private authorization: string | undefined;
  private readonly grantedScopes = new Set<string>();

  constructor(private readonly options: RegistryClientOptions) {
    this.baseUrl = `${options.plainHttp ? 'http' : 'https'}://${options.host}`;
  }

  /** Does the handshake for these scopes (`repository:name:pull,push`) before any upload. */
  async authenticate(scopes: readonly string[]): Promise<void> {
    const probe = await this.send('GET', '/v2/', { what: 'connecting', accept: [200, 401] }, false);
    if (probe.status === 401) await this.answerChallenge(probe, scopes, 'connecting');
  }

  async request(method: string, pathOrUrl: string, options: RequestOptions): Promise<RegistryResponse> {
    const response = await this.send(method, pathOrUrl, {
      ...options,
      accept: [...(options.accept ?? []), 401],
    });
    if (response.status !== 401) return this.check(response, options);
    // The token did not cover this request: ask for the scope the registry names, then retry once.
    const challenge = parseChallenge(headerValue(response.headers['www-authenticate']));
    // A challenge may name several scopes, separated by spaces: each is its own scope parameter.
    const scopes = (challenge?.params['scope'] ?? '').split(/\s+/).filter((s) => s !== '');
    await this.answerChallenge(response, [...this.grantedScopes, ...scopes], options.what);
    return this.check(await this.send(method, pathOrUrl, options), options);
  }

  close(): void {
    for (const route of this.routes.values()) route.agent.destroy();
    this.routes.clear();
  }

  /** The route to the host of `url`, made on first use (an unusable proxy variable throws). */
  private routeTo(url: URL): RegistryRoute {
    let route = this.routes.get(url.origin);
    if (!route) {
      route = registryRoute(url, { maxSockets: this.options.maxSockets ?? 8, env: this.options.env });
      this.routes.set(url.origin, route);
    }
    return route;
  }

  private async exchange(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: RequestBody | undefined,
    route: RegistryRoute,
  ): Promise<RegistryResponse> {
    const response = await rawRequest(url, method, headers, body, this.options.signal, route);
    // Requests forwarded by a proxy: a 407 is the proxy's answer, not the registry's.
    if (route.forwardTo && response.status === 407) throw new Error('Bad response: 407');
    return response;
  }

  /** A failed exchange with `host`; through a proxy, the message names the proxy (never its password). */
  private networkError(error: unknown, host: string, route: RegistryRoute | undefined): PipelineError {
    const proxy = route?.proxy;
    if (!proxy) return errorForNetwork(error, host, this.options.signal);
    const through = `${host} through the proxy ${proxy.address}`;
    const classified = errorForNetwork(error, through, this.options.signal);
    if (classified.kind !== 'registry-error' || error instanceof PipelineError) return classified;
    return new PipelineError(
      'registry-unreachable',
      `Cannot reach the registry ${through}: ${proxyReason(error, proxy)}`,
    );
  }

  private check(response: RegistryResponse, options: RequestOptions): RegistryResponse {
    if (response.status < 300 || options.accept?.includes(response.status)) return response;
    throw errorForStatus(
      response.status,
      response.body,
      options.what,
      this.options.host,
      !!this.options.credentials,
    );
  }

  private async answerChallenge(
    response: RegistryResponse,
    scopes: readonly string[],
    what: string,
  ): Promise<void> {
    const challenge = parseChallenge(headerValue(response.headers['www-authenticate']));
    const credentials = this.options.credentials;
    if (challenge?.scheme === 'basic') {
      if (!credentials) throw errorForStatus(401, response.body, what, this.options.host, false);
      if (this.authorization?.startsWith('Basic ')) {
        throw errorForStatus(401, response.body, what, this.options.host, true);
      }
      this.authorization = `Basic ${basicAuth(credentials)}`;
      const check = await this.send('GET', '/v2/', { what, accept: [200, 401] });
      if (check.status === 401) throw errorForStatus(401, check.body, what, this.options.host, true);
      return;
    }
    if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
      this.authorization = `Bearer ${await this.fetchToken(challenge, scopes, what)}`;
      for (const s of scopes) this.grantedScopes.add(s);
      return;
    }
    throw errorForStatus(401, response.body, what, this.options.host, !!credentials);
  }

  private async fetchToken(challenge: Challenge, scopes: readonly string[], what: string): Promise<string> {
    const { url, method, headers, body } = tokenRequest(
      challenge,
      scopes,
      this.options.credentials,
      () =>
        new PipelineError(
          'registry-error',
          `${this.options.host} sent an auth challenge whose realm is not a URL (${what}): ${challenge.params['realm'] ?? ''}`,
        ),
      { secureRegistry: !this.options.plainHttp },
    );
    const tokenHost = url.host;
    let response: RegistryResponse;
    let route: RegistryRoute | undefined;
    try {
      route = this.routeTo(url);
      response = await this.exchange(url, method, headers, body, route);
    } catch (error) {
      throw this.networkError(error, tokenHost, route);
    }
    if (response.status !== 200) {
      throw errorForStatus(
        response.status,
        response.body,
        `token for ${what}`,
        this.options.host,
        !!this.options.credentials,
      );
    }
    const token = tokenOf(response.body);
    if (token === null) {
      throw new PipelineError(
        'registry-error',
        `The token server ${tokenHost} did not answer with a token (${what}); is the realm of ${this.options.host} right?`,
        [`200 from ${tokenHost}`, `${response.headers['content-type'] ?? 'no content type'}`],
      );
    }
    if (!token) {
      throw errorForStatus(
        401,
        response.body,
        `token for ${what}`,
        this.options.host,
        !!this.options.credentials,
      );
    }
    return token;
  }

  private async send(
    method: string,
    pathOrUrl: string,
    options: RequestOptions,
    withAuth = true,
  ): Promise<RegistryResponse> {
    const url = new URL(pathOrUrl, this.baseUrl);
    const base = new URL(this.baseUrl);
    if (base.protocol === 'https:' && url.protocol !== 'https:') {
      // A Location to plain HTTP would put the credentials and the app's files on the wire in clear.
      throw new PipelineError(
        'registry-error',
        `The registry ${this.options.host} sent ${options.what} to a plain HTTP address (${url.origin}); ` +
          'refusing to leave HTTPS. Check the registry (or the proxy in front of it).',
      );
    }
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    // Credentials only go to the exact origin (scheme, host, port) they were given for, never to
    // another host or scheme a Location points to.
    if (withAuth && this.authorization && url.origin === base.origin) {
      headers['Authorization'] = this.authorization;
    }
    let route: RegistryRoute | undefined;
    try {
      route = this.routeTo(url);
      return await this.exchange(url, method, headers, options.body, route);
    } catch (error) {
      throw this.networkError(error, this.options.host, route);
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** One HTTP exchange; the response body is read whole (registry answers are small). */
function rawRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: RequestBody | undefined,
  signal: AbortSignal | undefined,
  route?: RegistryRoute,
): Promise<RegistryResponse> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : body.length;
    const routed = routedRequest(
      route,
      url,
      method === 'GET' || method === 'HEAD' ? headers : { 'Content-Length': String(length), ...headers },
    );
    const request = routed.transport.request(
      routed.target,
      {
        method,
        agent: route?.agent,
        signal,
        headers: routed.headers,
        ...(routed.path !== undefined ? { path: routed.path } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
    if (body === undefined) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else {
      writeFileBody(request, body.file, body.length, body.onChunk).catch((error: Error) =>
        request.destroy(error),
      );
    }
  });
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Writes exactly `length` bytes of a file to the request, reusing a buffer only once the socket has
 * taken its last chunk. A file that is shorter or longer than that by now (rebuilt meanwhile) stops
 * the request before the registry sees a whole body: a short body would leave it waiting.
 */
async function writeFileBody(
  request: http.ClientRequest,
  file: string,
  length: number,
  onChunk?: (chunk: Buffer, offset: number) => void,
): Promise<void> {
  const handle = await open(file, 'r');
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  const inFlight: (Promise<Error | undefined> | undefined)[] = [undefined, undefined];
  let offset = 0;
  try {
    for (let i = 0; ; i ^= 1) {
      const failed = await inFlight[i];
      if (failed) throw failed;
      const buffer = buffers[i] as Buffer;
      const remaining = length - offset;
      // One byte more than what is left tells a file that grew.
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, remaining + 1), offset);
      if (bytesRead > remaining || (bytesRead === 0 && remaining > 0)) throw fileChanged(file);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      onChunk?.(chunk, offset);
      offset += bytesRead;
      inFlight[i] = new Promise((resolve) => request.write(chunk, (error) => resolve(error ?? undefined)));
    }
    for (const pending of inFlight) {
      const failed = await pending;
      if (failed) throw failed;
    }
    request.end();
  } finally {
    await handle.close();
  }
}

function fileChanged(file: string): PipelineError {
  return new PipelineError('registry-error', `${file} changed while it was being pushed; push again.`);
}
