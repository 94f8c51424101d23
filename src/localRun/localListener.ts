// The public side of the local server: a Node HTTP listener that answers Spin's well-known paths,
// routes each request with Spin's router (404 with an empty body for no route), adds the `spin-*`
// headers (the client's address is known only here), and forwards it to the component host. It
// logs one line per request. Swapping the router (watch mode) never drops the listener.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMPONENT_HEADER } from './componentHost';
import type { IdleGate } from './idleGate';
import type { Router } from './routes';
import { spinHeaders } from './spinHeaders';

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly componentId?: string;
  readonly status: number;
  readonly milliseconds: number;
}

export interface ListenerOptions {
  readonly host: string;
  readonly port: number;
  /** The component host's loopback port. */
  readonly backendPort: number;
  readonly onRequest: (entry: RequestLogEntry) => void;
  /** Told when each request starts and ends. */
  readonly idle?: IdleGate;
  /** Ports tried after `port` when it is taken (default 10; 0 keeps the error). */
  readonly portAttempts?: number;
}

const WELL_KNOWN = '/.well-known/spin/';

export class LocalListener {
  private server: http.Server | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private router: Router,
    private readonly options: ListenerOptions,
  ) {}

  setRouter(router: Router): void {
    this.router = router;
  }

  /** Listens on the port asked for, else the next free one; resolves with the port used. */
  async listen(): Promise<number> {
    const attempts = this.options.portAttempts ?? 10;
    for (let offset = 0; ; offset++) {
      const port = this.options.port + offset;
      const server = http.createServer((req, res) => this.serve(req, res));
      // A reload transpiles on the main thread for a while: no request may time out meanwhile.
      server.requestTimeout = 0;
      server.headersTimeout = 0;
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, this.options.host, () => resolve());
        });
        this.server = server;
        return (server.address() as AddressInfo).port;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' || offset >= attempts || this.options.port === 0) throw error;
      }
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.agent.destroy();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = performance.now();
    const idle = this.options.idle;
    idle?.begin();
    res.once('close', () => idle?.end());
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const done = (status: number, componentId?: string): void =>
      this.options.onRequest({
        method,
        path: url,
        status,
        milliseconds: performance.now() - started,
        ...(componentId ? { componentId } : {}),
      });
    if (path.startsWith(WELL_KNOWN)) {
      const status = this.wellKnown(path, req, res);
      done(status);
      return;
    }
    const match = this.router.match(path);
    if (!match) {
      res.writeHead(404, { 'content-length': '0' }).end();
      done(404);
      return;
    }
    const componentId = match.route.componentId;
    const headers: http.OutgoingHttpHeaders = { ...req.headers, [COMPONENT_HEADER]: componentId };
    const socket = req.socket;
    for (const [name, value] of spinHeaders(match, {
      host: req.headers.host ?? `${this.options.host}`,
      pathWithQuery: url,
      clientAddress: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`,
    })) {
      headers[name] = value;
    }
    const forward = http.request(
      { host: '127.0.0.1', port: this.options.backendPort, method, path: url, headers, agent: this.agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
        answer.once('end', () => done(answer.statusCode ?? 500, componentId));
      },
    );
    forward.once('error', () => {
      if (!res.headersSent) res.writeHead(500, { 'content-length': '0' });
      res.end();
      done(500, componentId);
    });
    req.pipe(forward);
  }

  private wellKnown(path: string, req: http.IncomingMessage, res: http.ServerResponse): number {
    if (path === `${WELL_KNOWN}health`) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return 200;
    }
    if (path === `${WELL_KNOWN}info`) {
      const body = JSON.stringify({ authority: req.headers.host ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return 200;
    }
    res.writeHead(404, { 'content-length': '0' }).end();
    return 404;
  }
}
