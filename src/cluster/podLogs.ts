// Follows the logs of one or more pods at once; every line is passed on with its pod's name, so
// the lines of all pods of an app interleave in arrival order.
//   const follow = followPodLogs(transport, [{ namespace, name }], (pod, line) => …, { tailLines: 100 });
//   follow.done (all streams ended)  follow.stop()
import type { KubeTransport, LineStream } from './transport';

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly container?: string;
}

export interface LogFollow {
  readonly done: Promise<void>;
  stop(): void;
}

export function followPodLogs(
  transport: KubeTransport,
  pods: readonly PodRef[],
  onLine: (pod: string, line: string) => void,
  options: {
    tailLines?: number;
    follow?: boolean;
    /** Prefix each line with the time the container wrote it (RFC 3339, from the API server). */
    timestamps?: boolean;
    onError?: (pod: string, error: Error) => void;
  } = {},
): LogFollow {
  const streams: LineStream[] = pods.map((pod) => {
    const stream = transport.stream(
      {
        path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`,
        query: {
          follow: options.follow ?? true,
          tailLines: options.tailLines ?? 100,
          container: pod.container,
          timestamps: options.timestamps || undefined,
        },
      },
      (line) => onLine(pod.name, line),
    );
    stream.done.catch((e: unknown) =>
      options.onError?.(pod.name, e instanceof Error ? e : new Error(String(e))),
    );
    return stream;
  });
  return {
    done: Promise.allSettled(streams.map((s) => s.done)).then(() => undefined),
    stop: () => streams.forEach((s) => s.abort()),
  };
}
