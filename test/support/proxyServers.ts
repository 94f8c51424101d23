// Small proxies on 127.0.0.1 for tests of cluster access through a proxy, each counting what it relayed:
//   startHttpProxy({ credentials?: 'user:pass', hosts? })  — absolute-form requests (GET http://host/…)
//       and CONNECT tunnels; with `credentials`, anything without the right Basic Proxy-Authorization
//       gets 407 Proxy Authentication Required.
//   startSocks5Proxy({ hosts? })  — SOCKS5, no authentication, CONNECT only (IPv4, domain, IPv6 targets).
// `hosts` maps names the proxy resolves itself (as a corporate proxy resolves names the client
// cannot): `{ 'kube.example.test': '127.0.0.1' }`. `targets` lists the host:port asked for, as asked.
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createConnection, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface TestProxy {
  /** `http://127.0.0.1:<port>` or `socks5://127.0.0.1:<port>` (no credentials). */
  readonly url: string;
  readonly port: number;
  /** Tunnels opened (CONNECT for the HTTP proxy, SOCKS CONNECT for the SOCKS proxy). */
  readonly tunnels: number;
  /** Absolute-form requests relayed (HTTP proxy only). */
  readonly forwarded: number;
  /** Requests turned away with 407 (HTTP proxy only). */
  readonly refused: number;
  /** host:port of every tunnel or request, as the client named it. */
  readonly targets: readonly string[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** `user:password` the HTTP proxy requires (Basic). */
  readonly credentials?: string;
  readonly hosts?: Readonly<Record<string, string>>;
}

interface Counters {
  tunnels: number;
  forwarded: number;
  refused: number;
  targets: string[];
}

function splitTarget(target: string): { host: string; port: number } {
  const colon = target.lastIndexOf(':');
  return { host: target.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(target.slice(colon + 1)) };
}

function listen(
  server: { listen(port: number, host: string, cb: () => void): unknown; address(): unknown },
  scheme: string,
  counters: Counters,
  sockets: Set<Duplex>,
  close: (cb: () => void) => void,
): Promise<TestProxy> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        get tunnels() {
          return counters.tunnels;
        },
        get forwarded() {
          return counters.forwarded;
        },
        get refused() {
          return counters.refused;
        },
        get targets() {
          return counters.targets;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            close(() => done());
          }),
      });
    });
  });
}

function track(sockets: Set<Duplex>, socket: Duplex): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => socket.destroy());
}

export function startHttpProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const counters: Counters = { tunnels: 0, forwarded: 0, refused: 0, targets: [] };
  const sockets = new Set<Duplex>();
  const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const authorized = (header: string | undefined): boolean => !expected || header === expected;
  const resolveHost = (host: string): string => options.hosts?.[host] ?? host;
  const server = createHttpServer((req, res) => {
    if (!authorized(req.headers['proxy-authorization'])) {
      counters.refused++;
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test proxy"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    counters.forwarded++;
    counters.targets.push(target.host);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        host: resolveHost(target.hostname),
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => track(sockets, socket));
  server.on('connect', (req, client: Duplex, head: Buffer) => {
    track(sockets, client);
    if (!authorized(req.headers['proxy-authorization'])) {
      counters.refused++;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\n' +
          'Content-Length: 0\r\nConnection: close\r\n\r\n',
      );
      return;
    }
    counters.tunnels++;
    const target = req.url ?? '';
    counters.targets.push(target);
    const { host, port } = splitTarget(target);
    const upstream = createConnection(port, resolveHost(host));
    track(sockets, upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (!connected) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => connected && client.destroy());
  });
  return listen(server, 'http', counters, sockets, (cb) => server.close(cb));
}

/** Reads exactly `n` bytes from a paused socket (buffering what arrives early). */
class ByteReader {
  private buffer = Buffer.alloc(0);
  private waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    socket.on('close', () => this.waiting?.reject(new Error('closed')));
  }
  read(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.deliver();
    });
  }
  /** Stops reading and hands back what arrived beyond the handshake. */
  detach(): Buffer {
    this.socket.removeAllListeners('data');
    return this.buffer;
  }
  private deliver(): void {
    if (!this.waiting || this.buffer.length < this.waiting.n) return;
    const { n, resolve } = this.waiting;
    this.waiting = undefined;
    const bytes = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    resolve(bytes);
  }
}

const SOCKS_REPLY_OK = Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
const socksReply = (code: number): Buffer => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);

async function socksTarget(reader: ByteReader): Promise<{ host: string; port: number } | number> {
  const [version, command, , addressType] = await reader.read(4);
  if (version !== 5) return 1;
  let host: string;
  if (addressType === 1) host = [...(await reader.read(4))].join('.');
  else if (addressType === 3) host = (await reader.read((await reader.read(1))[0]!)).toString('latin1');
  else if (addressType === 4) {
    const bytes = await reader.read(16);
    host = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16)).join(':');
  } else return 8; // address type not supported
  const port = (await reader.read(2)).readUInt16BE(0);
  return command === 1 ? { host, port } : 7; // command not supported
}

export function startSocks5Proxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const counters: Counters = { tunnels: 0, forwarded: 0, refused: 0, targets: [] };
  const sockets = new Set<Duplex>();
  const server = createTcpServer((client) => {
    track(sockets, client);
    const reader = new ByteReader(client);
    void (async () => {
      const [version, methodCount] = await reader.read(2);
      const methods = await reader.read(methodCount ?? 0);
      if (version !== 5 || !methods.includes(0)) {
        client.end(Buffer.from([5, 0xff]));
        return;
      }
      client.write(Buffer.from([5, 0]));
      const target = await socksTarget(reader);
      if (typeof target === 'number') {
        client.end(socksReply(target));
        return;
      }
      counters.targets.push(`${target.host}:${target.port}`);
      const upstream = createConnection(target.port, options.hosts?.[target.host] ?? target.host);
      track(sockets, upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        counters.tunnels++;
        client.write(SOCKS_REPLY_OK);
        const early = reader.detach();
        if (early.length > 0) upstream.write(early);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.once('error', () => {
        if (!connected) client.end(socksReply(5)); // connection refused
      });
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => connected && client.destroy());
    })().catch(() => client.destroy());
  });
  return listen(server, 'socks5', counters, sockets, (cb) => server.close(cb));
}
