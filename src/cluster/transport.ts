// HTTP access to one cluster (one kubeconfig context), on Node's http/https with the credentials
// client-node computes (certificates, bearer tokens, exec plugins, refreshed per request).
//
//   const t = createTransport(kubeConfig);
//   await t.request<T>({ method: 'GET', path: '/api/v1/nodes', query: { limit: 500 } });  // JSON, or throws ApiError
//   const w = t.stream({ path, query }, (line) => …);  await w.done;  w.abort();          // line-delimited body
// Errors: non-2xx answers become ApiError with the Status message; connection failures become
// ApiError('unreachable'). A request the server answers 429 (or 5xx with Retry-After) is tried
// again after the Retry-After it gave, as client-go does: at most 10 times, each wait at most
// 10 s, and a cancel ends the wait (watch caches opt out: they back off on their own).
// Nothing here logs headers or tokens. Connections go through the cluster's
// proxy as kubectl's do (kubeconfig proxy-url, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY): proxyAgent.ts.
import * as http from 'node:http';
import * as https from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError, errorFromResponse } from './apiError';
import { createClusterAgent, proxyFailure, type ClusterAgent } from './proxyAgent';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Content type of the body (default application/json; patches use their own). */
  readonly contentType?: string;
  /** Milliseconds before giving up on a connection that does not answer (default 30 s). */
  readonly timeoutMs?: number;
  /** Aborting it ends the request at once (the promise rejects); the caller says what that means. */
  readonly signal?: AbortSignal;
  /** Try again on 429 / 5xx with Retry-After (default true; false where the caller backs off itself). */
  readonly retry?: boolean;
}

/** How many times a throttled request is tried again (client-go: 10). */
export const MAX_RETRIES = 10;
const MAX_RETRY_WAIT_MS = 10_000;

/** How long to wait before trying a failed request again, or undefined when it is not to be retried. */
export function retryDelayMs(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof ApiError) || attempt >= MAX_RETRIES) return undefined;
  const after = error.retryAfterSeconds;
  const throttled = error.kind === 'tooManyRequests';
  if (!throttled && !(error.kind === 'server' && after !== undefined)) return undefined;
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(0, (after ?? 1) * 1000));
}

/** Waits `ms`, or rejects with `cancelled()` as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface LineStream {
  /** Resolves when the body ends (server closed it, or abort()); rejects with an ApiError on failure. */
  readonly done: Promise<void>;
  /** Resolves when the response headers arrived with a 2xx status. */
  readonly connected: Promise<void>;
  abort(): void;
}

export interface KubeTransport {
  readonly server: string;
  request<T>(options: RequestOptions): Promise<T>;
  stream(options: RequestOptions, onLine: (line: string) => void): LineStream;
}

function buildUrl(server: string, path: string, query?: Readonly<Record<string, QueryValue>>): URL {
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

export function createTransport(kubeConfig: KubeConfig): KubeTransport {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new ApiError('other', 'The current kubeconfig context names no cluster.');
  const server = cluster.server;
  const proxied = { name: cluster.name, server, proxyUrl: cluster.proxyUrl };
  // Decided on the first request (with its TLS settings): direct, or through the cluster's proxy.
  let connection: ClusterAgent | undefined;

  async function open(options: RequestOptions): Promise<http.ClientRequest> {
    const url = buildUrl(server, options.path, options.query);
    const tls: https.RequestOptions = { headers: {} };
    await kubeConfig.applyToHTTPSOptions(tls);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(tls.headers as Record<string, string>),
    };
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    connection ??= createClusterAgent(proxied, {
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: tls.rejectUnauthorized,
      servername: tls.servername,
    });
    const timeout = options.timeoutMs ?? 30_000;
    // Through a proxy the socket comes after the proxy's answer: the agent needs the timeout too.
    const common = {
      method: options.method ?? 'GET',
      headers,
      agent: connection.agent,
      ...(connection.proxy ? { timeout } : {}),
    };
    const req = url.protocol === 'https:' ? https.request(url, common) : http.request(url, common);
    req.setTimeout(timeout, () => req.destroy(new Error('the API server did not answer in time')));
    const { signal } = options;
    if (signal) {
      const abort = (): void => void req.destroy(new Error('the request was cancelled'));
      if (signal.aborted) abort();
      else {
        signal.addEventListener('abort', abort, { once: true });
        req.once('close', () => signal.removeEventListener('abort', abort));
      }
    }
    if (payload !== undefined) req.write(payload);
    req.end();
    return req;
  }

  function unreachable(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (connection?.proxy) return proxyFailure(server, connection.proxy, error);
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError('unreachable', `Cannot reach the cluster at ${server}: ${message}`);
  }

  async function requestOnce<T>(options: RequestOptions): Promise<T> {
    const req = await open(options).catch((e: unknown) => Promise.reject(unreachable(e)));
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', (e) => reject(unreachable(e)));
    });
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await failure(res);
    const text = await readBody(res).catch((e: unknown) => Promise.reject(unreachable(e)));
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }

  return {
    server,
    async request<T>(options: RequestOptions): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await requestOnce<T>(options);
        } catch (error) {
          const wait = options.retry === false ? undefined : retryDelayMs(error, attempt);
          if (wait === undefined) throw error;
          await pause(wait, options.signal, () => unreachable(new Error('the request was cancelled')));
        }
      }
    },
    stream: (options, onLine) => streamLines(() => open({ timeoutMs: 0, ...options }), unreachable, onLine),
  };
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

async function failure(res: http.IncomingMessage): Promise<ApiError> {
  const text = await readBody(res).catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the raw text out of the message
  }
  const retryAfter = res.headers['retry-after'];
  return errorFromResponse(res.statusCode ?? 0, body, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
}

/** Streams a response line by line (watches, logs) until it ends or is aborted. */
function streamLines(
  open: () => Promise<http.ClientRequest>,
  unreachable: (error: unknown) => ApiError,
  onLine: (line: string) => void,
): LineStream {
  let request: http.ClientRequest | undefined;
  let aborted = false;
  let markConnected: () => void = () => undefined;
  let failConnected: (e: unknown) => void = () => undefined;
  const connected = new Promise<void>((resolve, reject) => {
    markConnected = resolve;
    failConnected = reject;
  });
  connected.catch(() => undefined);
  const done = (async () => {
    const req = await open().catch((e: unknown) => Promise.reject(unreachable(e)));
    request = req;
    if (aborted) req.destroy();
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', (e) => reject(aborted ? new ApiError('other', 'aborted') : unreachable(e)));
    });
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await failure(res);
    markConnected();
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: res, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (!aborted && line) onLine(line);
      });
      lines.on('close', () => resolve());
      lines.on('error', (e) => (aborted ? resolve() : reject(unreachable(e))));
      res.on('error', (e) => (aborted ? resolve() : reject(unreachable(e))));
      res.on('aborted', () => (aborted ? resolve() : reject(unreachable(new Error('connection reset')))));
    });
  })();
  done.catch((e: unknown) => failConnected(e));
  return {
    done: done.catch((e: unknown) => (aborted ? undefined : Promise.reject(e))),
    connected,
    abort() {
      aborted = true;
      request?.destroy();
    },
  };
}
