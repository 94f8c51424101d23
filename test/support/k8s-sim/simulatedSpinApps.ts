// What the sandbox's Spin pods answer on their HTTP port. The simulated kubelet runs no Wasm, so
// each SpinApp gets a small HTTP server on 127.0.0.1 (started on first use, one per app) that answers
// like a Spin app: `Hello from <app>` on any route, and `/echo/...` returns the request body.
// `resolve` plugs into the simulator's port-forward: the declared container port of a pod labelled
// with its SpinApp, once its containers run; anything else refuses the connection, as a pod would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PortResolver, PortTarget } from './portForwardHandler.js';
import type { KubeObject } from './types.js';

export const APP_NAME_LABEL = 'core.spinkube.dev/app-name';

interface ContainerSpec {
  ports?: { containerPort?: number }[];
}
interface ContainerStatus {
  state?: { running?: unknown };
}

/** The SpinApp a pod runs when `port` is one of its containers' ports and they are all running. */
function servingApp(pod: KubeObject, port: number): string | undefined {
  const app = pod.metadata.labels?.[APP_NAME_LABEL];
  if (!app || pod.metadata.deletionTimestamp) return undefined;
  const containers = (pod.spec?.containers as ContainerSpec[] | undefined) ?? [];
  if (!containers.some((c) => (c.ports ?? []).some((p) => p.containerPort === port))) return undefined;
  const status = pod.status as { phase?: string; containerStatuses?: ContainerStatus[] } | undefined;
  const statuses = status?.containerStatuses ?? [];
  if (status?.phase !== 'Running' || statuses.length === 0) return undefined;
  return statuses.every((s) => s.state?.running !== undefined) ? app : undefined;
}

function appServer(app: string): Server {
  return createServer((req, res) => {
    if (req.url?.startsWith('/echo')) {
      res.writeHead(200, { 'Content-Type': req.headers['content-type'] ?? 'application/octet-stream' });
      req.pipe(res);
      return;
    }
    const body = `Hello from ${app}\n`;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

export class SimulatedSpinApps {
  private readonly servers = new Map<string, Promise<{ server: Server; target: PortTarget }>>();
  private stopped = false;

  readonly resolve: PortResolver = async (pod, port) => {
    const app = servingApp(pod, port);
    if (!app || this.stopped) return undefined;
    return (await this.serverFor(`${pod.metadata.namespace}/${app}`, app)).target;
  };

  /** Apps that have a server (were reached through a port-forward). */
  get started(): string[] {
    return [...this.servers.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.servers.values()];
    this.servers.clear();
    for (const started of all) {
      const { server } = await started;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  private serverFor(key: string, app: string): Promise<{ server: Server; target: PortTarget }> {
    let started = this.servers.get(key);
    if (!started) {
      const server = appServer(app);
      started = new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () =>
          resolve({ server, target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } }),
        );
      });
      this.servers.set(key, started);
    }
    return started;
  }
}
