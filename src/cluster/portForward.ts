// Port-forwarding to a pod of an app, as `kubectl port-forward` does: a local TCP server on
// 127.0.0.1 (a free port unless given) whose every connection is tunnelled to the pod's port over
// the API server's websocket port-forward subresource (client-node's PortForward).
//   const pf = await startPortForward(kubeConfig, { namespace, pod, port: 80 });  pf.localPort;  pf.close();
import { createServer, type Server, type Socket } from 'node:net';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';

export interface PortForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
  /** Local port (default: any free one). */
  readonly localPort?: number;
}

export interface ActivePortForward {
  readonly localPort: number;
  readonly url: string;
  /** Errors of individual connections (the tunnel stays up for the next). */
  onError?: (error: Error) => void;
  close(): Promise<void>;
}

export async function startPortForward(
  kubeConfig: KubeConfig,
  target: PortForwardTarget,
): Promise<ActivePortForward> {
  const forward = new PortForward(kubeConfig, true);
  const sockets = new Set<Socket>();
  const result: { onError?: (error: Error) => void } = {};
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    forward
      .portForward(target.namespace, target.pod, [target.port], socket, null, socket)
      .catch((error: unknown) => {
        result.onError?.(error instanceof Error ? error : new Error(String(error)));
        socket.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(target.localPort ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const localPort = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(result, {
    localPort,
    url: `http://127.0.0.1:${localPort}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
