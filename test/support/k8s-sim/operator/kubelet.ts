// The kubelet of the simulated nodes: pulls, starts and probes containers of bound pods, or acts
// out the pod's failure plan (ErrImagePull/ImagePullBackOff, CrashLoopBackOff), writing pod status
// and Events as the real kubelet words them. A pod being deleted (graceful deletion) is stopped and
// its deletion confirmed with a delete of grace period 0, as the kubelet does. status.qosClass is
// the API server's (set on create, immutable): the kubelet never writes it.
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './eventRecorder.js';
import type { FailurePlan, FailureSpec } from './failurePlan.js';
import { DEFAULT_CRASH_LOG, defaultRegistryAnswer } from './failurePlan.js';
import type { KubeClient } from './kubeClient.js';
import { KubeRequestError, resourceUrl } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { objectKey, splitKey } from './sharedCaches.js';
import { WorkQueue } from './workQueue.js';

type Stage = 'created' | 'pull-failed' | 'pull-backoff' | 'started' | 'ready' | 'crash-backoff';

interface PodRun {
  stage: Stage;
  restarts: number;
  podIP: string;
  startTime: string;
  startedAt?: string;
  readyAt?: number;
  pullFailures: number;
  lastTerminated?: object;
  stopping?: boolean;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

interface Container {
  name: string;
  image: string;
}

export class Kubelet {
  private readonly queue: WorkQueue;
  private readonly runs = new Map<string, PodRun>();
  private ipCounter = 2;

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly events: EventRecorder,
    private readonly failures: FailurePlan,
    private readonly secondMs: number,
    private readonly managesNode: (node: string) => boolean = () => true,
  ) {
    this.queue = new WorkQueue((key) => this.step(key));
    caches.on('pods', (event, pod) => {
      if (event === 'deleted') {
        this.runs.delete(pod.metadata.uid!);
        return;
      }
      const node = pod.spec?.nodeName as string | undefined;
      if (!node || !this.managesNode(node)) return;
      if (pod.metadata.deletionTimestamp || !this.runs.has(pod.metadata.uid!)) this.queue.add(objectKey(pod));
    });
  }

  stop(): void {
    this.queue.stop();
  }

  private tick(seconds = 1): { requeueAfterMs: number } {
    return { requeueAfterMs: Math.max(1, Math.round(seconds * this.secondMs)) };
  }

  private async step(key: string): Promise<void | { requeueAfterMs: number }> {
    const [ns, name] = splitKey(key);
    const pod = this.caches.get('pods', ns, name);
    const nodeName = pod?.spec?.nodeName as string | undefined;
    if (!pod || !nodeName) return;
    if (pod.metadata.deletionTimestamp) return this.confirmDeletion(pod);
    const containers = (pod.spec?.containers as Container[] | undefined) ?? [];
    const failure = this.failures.forPod(pod) ?? (await this.pullFailure(pod));
    const uid = pod.metadata.uid!;
    let run = this.runs.get(uid);
    const source = { component: 'kubelet', host: nodeName };
    if (!run) {
      run = {
        stage: 'created',
        restarts: 0,
        pullFailures: 0,
        podIP: `10.244.${(nodeName.length * 7) % 250}.${this.ipCounter++ % 250}`,
        startTime: now(),
      };
      this.runs.set(uid, run);
      for (const c of containers) {
        await this.events.record(source, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      }
      await this.writeStatus(pod, run, containers, (c) => ({
        state: { waiting: { reason: 'ContainerCreating' } },
        ready: false,
        started: false,
        restartCount: 0,
        image: c.image,
        imageID: '',
      }));
      return this.tick();
    }
    if (failure?.mode === 'image-pull') return this.failPull(pod, run, containers, failure, source);
    if (run.stage === 'created' || run.stage === 'crash-backoff') {
      for (const c of containers) {
        if (run.stage === 'created') {
          await this.events.record(
            source,
            pod,
            'Normal',
            'Pulled',
            `Successfully pulled image "${c.image}" in 1.042s (1.042s including waiting). Image size: 2310456 bytes.`,
          );
        } else {
          await this.events.record(
            source,
            pod,
            'Normal',
            'Pulled',
            `Container image "${c.image}" already present on machine`,
          );
        }
        await this.events.record(source, pod, 'Normal', 'Created', `Created container ${c.name}`);
        await this.events.record(source, pod, 'Normal', 'Started', `Started container ${c.name}`);
      }
      run.stage = 'started';
      run.startedAt = now();
      await this.writeStatus(pod, run, containers, (c) => this.running(c, run!, false));
      return this.tick();
    }
    if (run.stage === 'started' && failure?.mode === 'crash-loop') {
      return this.crash(pod, run, containers, failure, source);
    }
    if (run.stage === 'started' && failure?.mode === 'slow-start') {
      run.readyAt ??= Date.now() + (failure.readyAfterSeconds ?? 3600) * this.secondMs;
      if (Date.now() < run.readyAt) return { requeueAfterMs: run.readyAt - Date.now() };
    }
    if (run.stage === 'started') {
      run.stage = 'ready';
      await this.writeStatus(pod, run, containers, (c) => this.running(c, run!, true));
    }
    return undefined;
  }

  /** Stops the pod's containers (one simulated second) and confirms the deletion to the API server. */
  private async confirmDeletion(pod: KubeObject): Promise<void | { requeueAfterMs: number }> {
    const uid = pod.metadata.uid!;
    const run = this.runs.get(uid);
    if (run && run.stage !== 'created' && !run.stopping) {
      run.stopping = true;
      return this.tick();
    }
    this.runs.delete(uid);
    try {
      await this.client.request(
        'DELETE',
        resourceUrl({
          apiVersion: 'v1',
          plural: 'pods',
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
        }),
        {
          gracePeriodSeconds: 0,
          preconditions: { uid },
        },
      );
    } catch (err) {
      if (!(err instanceof KubeRequestError && (err.code === 404 || err.code === 409))) throw err;
    }
  }

  /** A real pull's failure (imagePull.ts), asked while the pod's images are being pulled. */
  private async pullFailure(pod: KubeObject): Promise<FailureSpec | undefined> {
    const stage = this.runs.get(pod.metadata.uid!)?.stage;
    if (stage !== 'created' && stage !== 'pull-failed') return undefined;
    return this.failures.pullFailure(pod, stage === 'created');
  }

  private running(c: Container, run: PodRun, ready: boolean): object {
    const status: Record<string, unknown> = {
      state: { running: { startedAt: run.startedAt } },
      ready,
      started: true,
      restartCount: run.restarts,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${'a'.repeat(64)}`,
    };
    if (run.lastTerminated) status.lastState = { terminated: run.lastTerminated };
    return status;
  }

  private async failPull(
    pod: KubeObject,
    run: PodRun,
    containers: Container[],
    failure: FailureSpec,
    source: { component: string; host: string },
  ): Promise<{ requeueAfterMs: number }> {
    if (run.stage !== 'pull-failed') {
      run.stage = 'pull-failed';
      for (const c of containers) {
        if (run.pullFailures > 0) {
          await this.events.record(source, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
        }
        const answer = failure.registryAnswer ?? defaultRegistryAnswer(c.image);
        await this.events.record(
          source,
          pod,
          'Warning',
          'Failed',
          `Failed to pull image "${c.image}": ${answer}`,
        );
        await this.events.record(source, pod, 'Warning', 'Failed', 'Error: ErrImagePull');
      }
      await this.writeStatus(pod, run, containers, (c) => ({
        state: {
          waiting: {
            reason: 'ErrImagePull',
            message: failure.registryAnswer ?? defaultRegistryAnswer(c.image),
          },
        },
        ready: false,
        started: false,
        restartCount: 0,
        image: c.image,
        imageID: '',
      }));
      return this.tick();
    }
    run.stage = 'pull-backoff';
    for (const c of containers) {
      await this.events.record(source, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
      await this.events.record(source, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    }
    await this.writeStatus(pod, run, containers, (c) => ({
      state: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${failure.registryAnswer ?? defaultRegistryAnswer(c.image)}`,
        },
      },
      ready: false,
      started: false,
      restartCount: 0,
      image: c.image,
      imageID: '',
    }));
    run.stage = 'created';
    // The kubelet's image back-off doubles from 10 s up to 5 minutes.
    const backoff = Math.min(10 * 2 ** run.pullFailures, 300);
    run.pullFailures++;
    return this.tick(backoff);
  }

  private async crash(
    pod: KubeObject,
    run: PodRun,
    containers: Container[],
    failure: FailureSpec,
    source: { component: string; host: string },
  ): Promise<{ requeueAfterMs: number }> {
    const backoff = Math.min(10 * 2 ** run.restarts, 300);
    run.restarts++;
    run.stage = 'crash-backoff';
    run.lastTerminated = {
      exitCode: 1,
      reason: 'Error',
      message: failure.crashLog ?? DEFAULT_CRASH_LOG,
      startedAt: run.startedAt,
      finishedAt: now(),
      containerID: `containerd://${'a'.repeat(64)}`,
    };
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name;
    for (const c of containers) {
      await this.events.record(
        source,
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.name} in pod ${name}_${ns}(${pod.metadata.uid})`,
      );
    }
    await this.writeStatus(pod, run, containers, (c) => ({
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${backoff}s restarting failed container=${c.name} pod=${name}_${ns}(${pod.metadata.uid})`,
        },
      },
      lastState: { terminated: run.lastTerminated },
      ready: false,
      started: false,
      restartCount: run.restarts,
      image: c.image,
      imageID: `${c.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${'a'.repeat(64)}`,
    }));
    return this.tick(backoff);
  }

  private async writeStatus(
    pod: KubeObject,
    run: PodRun,
    containers: Container[],
    containerStatus: (c: Container) => object,
  ): Promise<void> {
    const statuses = containers.map((c) => ({ name: c.name, ...containerStatus(c) })) as {
      name: string;
      ready: boolean;
      state: { running?: object };
    }[];
    const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
    const anyRunning = statuses.some((s) => s.state.running);
    const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
    const t = now();
    const old =
      (
        pod.status as
          { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } | undefined
      )?.conditions ?? [];
    const condition = (type: string, ok: boolean, reason?: string, message?: string): object => {
      const prev = old.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      return {
        type,
        status,
        lastProbeTime: null,
        lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : t,
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
      };
    };
    const notReady = unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined;
    const node = this.caches.get('nodes', '', String(pod.spec?.nodeName));
    const hostIP =
      (
        (node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []
      ).find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
    const status = {
      phase: anyRunning || run.restarts > 0 ? 'Running' : 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', true),
        condition('Initialized', true),
        condition('Ready', allReady, allReady ? undefined : 'ContainersNotReady', notReady),
        condition('ContainersReady', allReady, allReady ? undefined : 'ContainersNotReady', notReady),
        condition('PodScheduled', true),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP: run.podIP,
      podIPs: [{ ip: run.podIP }],
      startTime: run.startTime,
      containerStatuses: statuses,
    };
    try {
      await this.client.mergePatch(
        {
          apiVersion: 'v1',
          plural: 'pods',
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
          subresource: 'status',
        },
        { status },
        'kubelet',
      );
    } catch (err) {
      if (err instanceof KubeRequestError && err.code === 404) return;
      throw err;
    }
  }
}
