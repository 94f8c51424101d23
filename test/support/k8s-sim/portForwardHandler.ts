// The pods/portforward subresource over websockets, as the API server and kubelet serve it to
// `kubectl port-forward` and @kubernetes/client-node's PortForward. Channel protocol
// v4.channel.k8s.io: every message starts with its channel byte; for the i-th requested port,
// channel 2i carries data and 2i+1 errors, and the first frame the server sends on each carries the
// port as a little-endian uint16. When the pod side cannot be reached, the kubelet writes its error
// text on the error channel and closes the connection.
//
// Simulated pods "listen" by mapping (pod, containerPort) to a real TCP address on this machine:
// `register(ns, pod, port, {host, port})` for one pod, `addResolver(fn)` for many (the sandbox
// answers for every running Spin pod). A pod port with no target refuses connections.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, badRequest, notFound, notFoundPath } from './apiErrors.js';
import type { ObjectStore } from './store.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { KubeObject } from './types.js';
import { typeKey } from './types.js';

export const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';

export interface PortTarget {
  readonly host: string;
  readonly port: number;
}

/** The address a pod's container port is served at, or undefined when nothing listens there. */
export type PortResolver = (
  pod: KubeObject,
  port: number,
) => PortTarget | undefined | Promise<PortTarget | undefined>;

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\/?$/;

export class PodPortForwarding {
  private readonly targets = new Map<string, PortTarget>();
  private readonly resolvers = new Set<PortResolver>();
  private readonly tunnels = new Set<WebSocket>();
  private readonly sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(PORT_FORWARD_PROTOCOL) ? PORT_FORWARD_PROTOCOL : false),
  });

  constructor(
    private readonly store: ObjectStore,
    private readonly registry: TypeRegistry,
    private readonly token: string | undefined,
  ) {}

  /** Makes `port` of pod `namespace/pod` answer at `target`; returns the undo. */
  register(namespace: string, pod: string, port: number, target: PortTarget): () => void {
    const key = `${namespace}/${pod}:${port}`;
    this.targets.set(key, target);
    return () => {
      if (this.targets.get(key) === target) this.targets.delete(key);
    };
  }

  /** Asked for pod ports without a registered target; returns the undo. */
  addResolver(resolver: PortResolver): () => void {
    this.resolvers.add(resolver);
    return () => this.resolvers.delete(resolver);
  }

  /** Port-forward connections open right now. */
  get openTunnels(): number {
    return this.tunnels.size;
  }

  /** Handles an HTTP upgrade request of the API server (anything but portforward gets a Status). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    try {
      const { pod, ports } = this.accept(req);
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.serve(ws, pod, ports));
    } catch (err) {
      refuse(socket, err);
    }
  }

  private accept(req: IncomingMessage): { pod: KubeObject; ports: number[] } {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.token && req.headers.authorization !== `Bearer ${this.token}`) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const match = PATH.exec(url.pathname);
    if (!match) throw notFoundPath();
    const namespace = decodeURIComponent(match[1]!);
    const name = decodeURIComponent(match[2]!);
    const pod = this.store.get(typeKey('', 'pods'), namespace, name);
    if (!pod) throw notFound(this.registry.lookup('', 'v1', 'pods')!, name);
    if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    const upgrade = String(req.headers.upgrade ?? '');
    if (upgrade.toLowerCase() !== 'websocket') {
      // kubectl falls back to SPDY when the websocket upgrade is refused; only websockets are simulated
      throw badRequest(
        `unable to upgrade connection: this simulated API server serves port-forward over websockets (${PORT_FORWARD_PROTOCOL}) only, not ${upgrade || 'plain HTTP'}`,
      );
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(PORT_FORWARD_PROTOCOL)) {
      throw badRequest(
        `unable to upgrade connection: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${PORT_FORWARD_PROTOCOL}]`,
      );
    }
    const ports = parsePorts(url.searchParams.getAll('ports'));
    return { pod, ports };
  }

  private async resolve(pod: KubeObject, port: number): Promise<PortTarget | undefined> {
    const registered = this.targets.get(`${pod.metadata.namespace}/${pod.metadata.name}:${port}`);
    if (registered) return registered;
    for (const resolver of this.resolvers) {
      const target = await resolver(pod, port);
      if (target) return target;
    }
    return undefined;
  }

  private serve(ws: WebSocket, pod: KubeObject, ports: readonly number[]): void {
    this.tunnels.add(ws);
    let open = ports.length;
    const done = (): void => {
      if (--open === 0) ws.close(1000);
    };
    // Per port: what the client sent before the pod side was connected, then the connection.
    const upstreams = ports.map(() => ({ pending: [] as Buffer[], socket: undefined as Socket | undefined }));
    ports.forEach((port, i) => {
      const portFrame = Buffer.alloc(2);
      portFrame.writeUInt16LE(port, 0);
      send(ws, 2 * i, portFrame);
      send(ws, 2 * i + 1, portFrame);
      const fail = (err: NodeJS.ErrnoException): void => {
        send(ws, 2 * i + 1, Buffer.from(forwardingError(pod, port, err)));
      };
      void this.resolve(pod, port).then((target) => {
        if (ws.readyState !== ws.OPEN) return;
        if (!target) {
          fail(refusedError(port));
          return done();
        }
        const socket = connect(target.port, target.host);
        upstreams[i]!.socket = socket;
        for (const chunk of upstreams[i]!.pending.splice(0)) socket.write(chunk);
        socket.on('error', fail);
        socket.on('data', (chunk: Buffer) => send(ws, 2 * i, chunk));
        socket.on('close', done);
      });
    });
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary || data.length < 1) return;
      const channel = data[0]!;
      const upstream = channel % 2 === 0 ? upstreams[channel / 2] : undefined;
      if (!upstream) return;
      if (!upstream.socket) upstream.pending.push(data.subarray(1));
      else if (!upstream.socket.destroyed) upstream.socket.write(data.subarray(1));
    });
    ws.on('close', () => {
      this.tunnels.delete(ws);
      for (const upstream of upstreams) upstream.socket?.destroy();
    });
    ws.on('error', () => ws.terminate());
  }
}

function send(ws: WebSocket, channel: number, payload: Buffer): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(Buffer.concat([Buffer.from([channel]), payload]), { binary: true });
}

/** `ports=80&ports=8080` or `ports=80,8080`, as the API server takes them. */
function parsePorts(values: readonly string[]): number[] {
  const texts = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (texts.length === 0 || texts.every((t) => t === '')) {
    throw badRequest('at least one port must be specified');
  }
  return texts.map((text) => {
    const port = Number(text);
    if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
      throw badRequest(`unable to parse "${text}" as a port: port must be between 1 and 65535`);
    }
    return port;
  });
}

function refusedError(port: number): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`connect ECONNREFUSED 127.0.0.1:${port}`);
  err.code = 'ECONNREFUSED';
  return err;
}

/** The kubelet's wording (containerd's CRI port-forward inside the pod's network namespace). */
function forwardingError(pod: KubeObject, port: number, err: NodeJS.ErrnoException): string {
  const reason = err.code === 'ECONNREFUSED' ? 'connection refused' : err.message;
  const sandbox = (pod.metadata.uid ?? pod.metadata.name ?? '').replace(/-/g, '');
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network ` +
    `namespace "/var/run/netns/cni-${pod.metadata.uid ?? ''}": failed to connect to localhost:${port} ` +
    `inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: ${reason} `
  );
}

function refuse(socket: Duplex, err: unknown): void {
  const apiError =
    err instanceof ApiError
      ? err
      : new ApiError(500, 'InternalError', `Internal error occurred: ${String(err)}`);
  const body = JSON.stringify(apiError.toStatus());
  socket.end(
    `HTTP/1.1 ${apiError.code} ${apiError.reason}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
