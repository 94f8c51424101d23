// Port-forwarding to a pod of an app, as `kubectl port-forward` does: a local TCP server on
// 127.0.0.1 (a free port unless given) whose every connection is tunnelled to the pod's port over
// the API server's pods/portforward websocket (portForwardTunnel.ts).
//   const pf = await startPortForward(kubeConfig, { namespace, pod, port: 80 });  pf.url;  await pf.close();
// Starting checks once that the API server accepts a port-forward to the pod (it exists, it is
// scheduled, we are allowed), so a wrong target fails here rather than at the first request.
// Failures of single connections (nothing listens on the pod's port, …) go to `onError`; the local
// connection is reset so the client sees them at once.
import { createServer, type Server, type Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { closeTunnel, openTunnel, pipeTunnel, type PodPort } from './portForwardTunnel';

export interface PortForwardTarget extends PodPort {
  /** Local port (default: any free one). */
  readonly localPort?: number;
}

export interface ActivePortForward {
  readonly localPort: number;
  readonly url: string;
  /** Errors of individual connections (the forward stays up for the next ones). */
  onError?: (error: Error) => void;
  /** Local connections open right now. */
  readonly connections: number;
  close(): Promise<void>;
}

class LocalPortForward implements ActivePortForward {
  onError?: (error: Error) => void;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly target: PodPort,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  get localPort(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.localPort}/`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private report(error: unknown): void {
    this.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    openTunnel(this.kubeConfig, this.target).then(
      (ws) => {
        if (socket.destroyed || this.closing) {
          closeTunnel(ws);
          socket.destroy();
          return;
        }
        pipeTunnel(ws, socket, this.target, (error) => this.report(error));
      },
      (error: unknown) => {
        this.report(error);
        if (!socket.destroyed) socket.resetAndDestroy();
      },
    );
  }
}

export async function startPortForward(
  kubeConfig: KubeConfig,
  target: PortForwardTarget,
): Promise<ActivePortForward> {
  const podPort: PodPort = { namespace: target.namespace, pod: target.pod, port: target.port };
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new Error(`Cannot port-forward to port ${target.port}: ports are 1 to 65535.`);
  }
  closeTunnel(await openTunnel(kubeConfig, podPort));
  const forward = new LocalPortForward(kubeConfig, podPort);
  await forward.listen(target.localPort ?? 0);
  return forward;
}
