// One port-forward connection to a pod: a websocket to the API server's pods/portforward
// subresource speaking the channel protocol v4.channel.k8s.io, as `kubectl port-forward` over
// websockets and the kubelet do. Every message starts with its channel byte: channel 0 carries the
// data of the (single) forwarded port, channel 1 its errors; the first server frame on each channel
// carries the port number (2 bytes, little endian) and is skipped. When the pod side fails, the
// kubelet writes the reason on the error channel and closes the connection.
//   const ws = await openTunnel(kubeConfig, { namespace, pod, port: 80 });
//   pipeTunnel(ws, localSocket, target, (error) => …);   // until either side closes
import type { IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { ApiError, errorFromResponse } from './apiError';
import { createClusterAgent, proxyFailure } from './proxyAgent';

const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';

const DATA_CHANNEL = 0;
const ERROR_CHANNEL = 1;
/** Bytes the socket may buffer before the tunnel stops reading from the websocket. */
const HIGH_WATER = 1024 * 1024;

export interface PodPort {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

function portForwardPath(target: PodPort): string {
  const ns = encodeURIComponent(target.namespace);
  const pod = encodeURIComponent(target.pod);
  return `/api/v1/namespaces/${ns}/pods/${pod}/portforward?ports=${target.port}`;
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function refusal(res: IncomingMessage): Promise<ApiError> {
  const text = await readAll(res);
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not a Status: the status code alone says what happened
  }
  return errorFromResponse(res.statusCode ?? 0, body);
}

/**
 * Opens the websocket; rejects with an ApiError the user can read (pod gone, forbidden, unreachable).
 * The socket comes back paused (the server's first frames may arrive with the handshake): hand it to
 * pipeTunnel, or to closeTunnel.
 */
export async function openTunnel(kubeConfig: KubeConfig, target: PodPort): Promise<WebSocket> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new ApiError('other', 'The current kubeconfig context names no cluster.');
  const server = cluster.server.replace(/\/+$/, '');
  const url = server.replace(/^http/, 'ws') + portForwardPath(target);
  const tls: RequestOptions = { headers: {} };
  await kubeConfig.applyToHTTPSOptions(tls);
  const headers = { ...(tls.headers as Record<string, string>) };
  if (tls.auth) headers.Authorization = `Basic ${Buffer.from(tls.auth).toString('base64')}`;
  const serverTls = {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: tls.rejectUnauthorized,
    servername: tls.servername,
  };
  // Through the cluster's proxy when it has one (kubeconfig proxy-url, else the environment).
  const { agent, proxy } = createClusterAgent(
    { name: cluster.name, server: cluster.server, proxyUrl: cluster.proxyUrl },
    serverTls,
    { keepAlive: false },
  );
  // ws hands these to https.request (servername included, though its types omit it).
  const options: WebSocket.ClientOptions & { servername?: string } = {
    headers,
    ...serverTls,
    handshakeTimeout: 30_000,
    ...(proxy ? { agent } : {}),
  };
  const ws = new WebSocket(url, [PORT_FORWARD_PROTOCOL], options);
  const where = `${target.namespace}/${target.pod}:${target.port}`;
  const connectionFailure = (error: Error): string =>
    proxy ? proxyFailure(cluster.server, proxy, error).message : `${error.message} (API server ${server})`;
  return new Promise<WebSocket>((resolve, reject) => {
    ws.once('open', () => {
      ws.pause();
      ws.removeAllListeners('error');
      ws.removeAllListeners('unexpected-response');
      ws.on('error', () => undefined); // the caller's listeners say what failed
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      void refusal(res).then((error) => {
        reject(new ApiError(error.kind, `Cannot port-forward to ${where}: ${error.message}`, error.status));
        ws.terminate();
      });
    });
    ws.on('error', (error) =>
      reject(new ApiError('unreachable', `Cannot port-forward to ${where}: ${connectionFailure(error)}`)),
    );
  });
}

/** Ends a tunnel that was opened but not piped (a check, or its local client went away meanwhile). */
export function closeTunnel(ws: WebSocket): void {
  ws.resume();
  ws.close(1000);
}

/**
 * Carries bytes between a local socket and an open tunnel until either side closes. `onError` gets
 * what the kubelet wrote on the error channel (the pod refused the connection, …) or why the
 * websocket broke (the API server went away); the local socket is then reset so the local client
 * sees the failure instead of waiting. Each side slows the other down when it cannot keep up.
 */
export function pipeTunnel(
  ws: WebSocket,
  socket: Socket,
  target: PodPort,
  onError: (e: Error) => void,
): void {
  const portBytesToSkip = [2, 2];
  let errorText = '';
  let socketError: string | undefined;
  let localClosed = false;
  let waitingForDrain = false;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length < 1) return;
    const channel = data[0]!;
    if (channel !== DATA_CHANNEL && channel !== ERROR_CHANNEL) return;
    let payload = data.subarray(1);
    const skip = Math.min(portBytesToSkip[channel]!, payload.length);
    portBytesToSkip[channel] = portBytesToSkip[channel]! - skip;
    payload = payload.subarray(skip);
    if (payload.length === 0) return;
    if (channel === ERROR_CHANNEL) {
      errorText += payload.toString('utf8');
      return;
    }
    if (!socket.write(payload) && socket.writableLength > HIGH_WATER && !waitingForDrain) {
      waitingForDrain = true;
      ws.pause();
      socket.once('drain', () => {
        waitingForDrain = false;
        ws.resume();
      });
    }
  });
  ws.on('error', (error) => {
    socketError ??= error.message;
  });
  ws.on('close', (code: number) => {
    if (localClosed) return;
    const normal = code === 1000 || code === 1005;
    const reason =
      errorText.trim() ||
      socketError ||
      (normal ? undefined : `the connection to the API server was lost (websocket close code ${code})`);
    if (!reason) {
      socket.end();
      return;
    }
    onError(new Error(`Port-forward to ${target.namespace}/${target.pod}:${target.port} failed: ${reason}`));
    socket.resetAndDestroy();
  });
  socket.on('data', (chunk: Buffer) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([DATA_CHANNEL]), chunk]), { binary: true }, () => {
      if (socket.isPaused() && ws.bufferedAmount < HIGH_WATER) socket.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER) socket.pause();
  });
  socket.on('close', () => {
    localClosed = true;
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  });
  ws.resume();
}
