// The API server's answers the extension depends on, as kube-apiserver v1.32 gives them: graceful
// pod deletion, namespace termination, pod defaults and QoS, server-side apply conflicts and patch
// options, Forbidden wording, unknown groups, watch bookmarks, compacted lists, custom resource
// Tables, rules reviews. Runs on the sandbox, and unchanged against SPINKUBE_TEST_KUBECONFIG (a
// bare API server in envtest mode, or a full cluster), so the simulator cannot drift from the
// real server unnoticed.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { startTestCluster, type TestCluster } from '../support/envtest/clusterUnderTest';
import { readCrds } from '../support/k8s-sim/sharedReference';
import { waitFor } from '../support/waitFor';

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: {
    message?: string;
    reason?: string;
    code?: number;
    details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; field?: string }[] };
    [key: string]: unknown;
  };
}

let cluster: TestCluster;
let ns: string;

/** A request as any client sends it, with the kubeconfig's credentials. */
async function call(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<Answer> {
  const kc = cluster.kubeConfig;
  const init = await kc.applyToFetchOptions({});
  const headers: Record<string, string> = { Accept: 'application/json' };
  (init.headers as unknown as { forEach(f: (v: string, k: string) => void): void }).forEach((v, k) => {
    headers[k] = v;
  });
  if (body !== undefined) headers['Content-Type'] = contentType;
  const server = kc.getCurrentCluster()!.server.replace(/\/+$/, '');
  const res = await fetch(server + path, {
    method,
    headers,
    agent: init.agent as never,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // not JSON
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

const pods = () => `/api/v1/namespaces/${ns}/pods`;
const configMaps = (namespace = ns) => `/api/v1/namespaces/${namespace}/configmaps`;

function pod(name: string, resources: object | undefined, nodeName?: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', ...(resources ? { resources } : {}) }],
    },
  };
}

before(async () => {
  cluster = await startTestCluster();
  ns = cluster.namespace;
});
after(async () => {
  await cluster.stop();
});

describe('API server answers: pods', () => {
  it('deletes a pod on a node gracefully: it stays until its kubelet confirms, or at once with grace 0', async () => {
    // A node no kubelet runs: nothing confirms the deletion, so the pod stays Terminating.
    assert.equal((await call('POST', pods(), pod('lingering', undefined, 'no-kubelet-node'))).status, 201);
    const deleted = await call('DELETE', `${pods()}/lingering`);
    assert.equal(deleted.status, 200);
    const meta = deleted.json.metadata as { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
    assert.equal(meta.deletionGracePeriodSeconds, 30);
    assert.ok(meta.deletionTimestamp, 'the pod carries a deletionTimestamp');
    const still = await call('GET', `${pods()}/lingering`);
    assert.equal(still.status, 200, 'the pod is still there, Terminating');
    assert.equal(
      (await call('DELETE', `${pods()}/lingering`, { gracePeriodSeconds: 0 })).status,
      200,
      'a delete with grace period 0 removes it',
    );
    assert.equal((await call('GET', `${pods()}/lingering`)).status, 404);
    // A pod its kubelet runs goes once the kubelet has stopped it.
    assert.equal((await call('POST', pods(), pod('stopped', undefined, cluster.nodeName))).status, 201);
    assert.equal((await call('DELETE', `${pods()}/stopped`)).status, 200);
    await waitFor(
      'the kubelet to confirm the deletion',
      async () => (await call('GET', `${pods()}/stopped`)).status === 404,
      30_000,
    );
    // A pod on no node is deleted at once.
    assert.equal((await call('POST', pods(), pod('unscheduled', undefined))).status, 201);
    await call('DELETE', `${pods()}/unscheduled`);
    assert.equal((await call('GET', `${pods()}/unscheduled`)).status, 404);
  });

  it('defaults requests to limits and sets an immutable status.qosClass the kubelet leaves alone', async () => {
    const limits = { cpu: '100m', memory: '64Mi' };
    const created = await call('POST', pods(), pod('guaranteed', { limits }, cluster.nodeName));
    assert.equal(created.status, 201);
    const spec = created.json.spec as { containers: { resources: { requests: object } }[] };
    assert.deepEqual(spec.containers[0]!.resources.requests, limits);
    assert.equal((created.json.status as { qosClass: string }).qosClass, 'Guaranteed');
    const burstable = await call('POST', pods(), pod('burstable', { requests: { cpu: '50m' } }));
    assert.equal((burstable.json.status as { qosClass: string }).qosClass, 'Burstable');
    const bestEffort = await call('POST', pods(), pod('best-effort', undefined));
    assert.equal((bestEffort.json.status as { qosClass: string }).qosClass, 'BestEffort');
    const changed = await call(
      'PATCH',
      `${pods()}/burstable/status?fieldManager=test`,
      { status: { qosClass: 'BestEffort' } },
      'application/merge-patch+json',
    );
    assert.equal(changed.status, 422);
    assert.equal(changed.json.reason, 'Invalid');
    assert.match(
      changed.json.message!,
      /^Pod "burstable" is invalid: .*status\.qosClass: Invalid value: "BestEffort": field is immutable/,
    );
    // The kubelet writes the pod's status without touching qosClass: the pod runs.
    const running = await waitFor(
      'the kubelet to run the pod',
      async () => {
        const p = (await call('GET', `${pods()}/guaranteed`)).json.status as {
          phase?: string;
          qosClass?: string;
        };
        return p.phase === 'Running' ? p : undefined;
      },
      30_000,
    );
    assert.equal(running.qosClass, 'Guaranteed');
  });
});

describe('API server answers: namespaces', () => {
  it('terminates a namespace: Terminating, nothing new in it (403 NamespaceTerminating), finalizers hold it', async () => {
    const doomed = `${ns}-doomed`;
    assert.equal((await call('POST', '/api/v1/namespaces', { metadata: { name: doomed } })).status, 201);
    await waitFor('the namespace to accept content', async () => {
      const r = await call('POST', configMaps(doomed), {
        metadata: { name: 'held', finalizers: ['example.dev/hold'] },
      });
      return r.status === 201 || r.status === 409;
    });
    const deleted = await call('DELETE', `/api/v1/namespaces/${doomed}`);
    assert.equal(deleted.status, 200);
    assert.equal((deleted.json.status as { phase: string }).phase, 'Terminating');
    const refused = await call('POST', configMaps(doomed), { metadata: { name: 'late' } });
    assert.equal(refused.status, 403);
    assert.equal(
      refused.json.message,
      `configmaps "late" is forbidden: unable to create new content in namespace ${doomed} because it is being terminated`,
    );
    assert.equal(refused.json.details?.causes?.[0]?.reason, 'NamespaceTerminating');
    const app = await call('POST', `/apis/core.spinkube.dev/v1alpha1/namespaces/${doomed}/spinapps`, {
      apiVersion: 'core.spinkube.dev/v1alpha1',
      kind: 'SpinApp',
      metadata: { name: 'late-app' },
      spec: { image: 'ghcr.io/example/app:v1', executor: 'containerd-shim-spin', replicas: 1 },
    });
    assert.equal(app.status, 403);
    assert.match(
      app.json.message!,
      /^spinapps\.core\.spinkube\.dev "late-app" is forbidden: unable to create new content/,
    );
    assert.deepEqual([app.json.details?.group, app.json.details?.kind], ['core.spinkube.dev', 'spinapps']);
    // The namespace controller deletes the content; the finalizer holds the ConfigMap, and it the namespace.
    await waitFor(
      'the ConfigMap to be marked deleted',
      async () => {
        const held = await call('GET', `${configMaps(doomed)}/held`);
        return (
          (held.json.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp !== undefined
        );
      },
      30_000,
    );
    assert.equal(
      (await call('GET', `/api/v1/namespaces/${doomed}`)).status,
      200,
      'the finalizer holds the namespace',
    );
    await call(
      'PATCH',
      `${configMaps(doomed)}/held`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
    await waitFor(
      'the namespace to be gone',
      async () => (await call('GET', `/api/v1/namespaces/${doomed}`)).status === 404,
      30_000,
    );
  });
});

describe('API server answers: writes', () => {
  const apply = (name: string, data: Record<string, string>, manager?: string) =>
    call(
      'PATCH',
      `${configMaps()}/${name}${manager ? `?fieldManager=${manager}` : ''}`,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data },
      'application/apply-patch+yaml',
    );

  it('words apply conflicts as the real server: Apply managers bare, Update managers with their version, fields sorted', async () => {
    assert.equal((await apply('owned', { b: '1', a: '1' }, 'alice')).status, 201);
    const byApplier = await apply('owned', { a: '2' }, 'bob');
    assert.equal(byApplier.status, 409);
    assert.equal(byApplier.json.message, 'Apply failed with 1 conflict: conflict with "alice": .data.a');
    assert.deepEqual(
      byApplier.json.details?.causes?.map((c) => [c.reason, c.field]),
      [['FieldManagerConflict', '.data.a']],
    );
    const updated = await call(
      'PATCH',
      `${configMaps()}/owned?fieldManager=carol`,
      { data: { a: '3', b: '3' } },
      'application/merge-patch+json',
    );
    assert.equal(updated.status, 200);
    const byUpdater = await apply('owned', { b: '4', a: '4' }, 'bob');
    assert.equal(byUpdater.status, 409);
    assert.equal(
      byUpdater.json.message,
      'Apply failed with 2 conflicts: conflicts with "carol" using v1:\n- .data.a\n- .data.b',
    );
  });

  it('refuses apply without fieldManager and force on a non-apply patch (422 PatchOptions)', async () => {
    const missing = await apply('unmanaged', { a: '1' });
    assert.equal(missing.status, 422);
    assert.equal(
      missing.json.message,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    assert.deepEqual(
      missing.json.details?.causes?.map((c) => [c.reason, c.field]),
      [['FieldValueRequired', 'fieldManager']],
    );
    const forced = await call(
      'PATCH',
      `${configMaps()}/anything?fieldManager=me&force=true`,
      { data: { a: '1' } },
      'application/merge-patch+json',
    );
    assert.equal(forced.status, 422);
    assert.equal(
      forced.json.message,
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
});

describe('API server answers: admission webhooks', () => {
  it('calls a ValidatingWebhookConfiguration: a failed call refuses under Fail and is passed over under Ignore', async () => {
    const configs = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations';
    const name = `${ns}-unreachable`;
    const config = (failurePolicy: string, resourceVersion?: string) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name, ...(resourceVersion ? { resourceVersion } : {}) },
      webhooks: [
        {
          name: 'unreachable.spinkube.dev',
          clientConfig: { url: 'https://127.0.0.1:1/validate' },
          rules: [
            {
              apiGroups: ['core.spinkube.dev'],
              apiVersions: ['v1alpha1'],
              operations: ['CREATE'],
              resources: ['spinappexecutors'],
            },
          ],
          failurePolicy,
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          timeoutSeconds: 2,
        },
      ],
    });
    const executor = (executorName: string) =>
      call('POST', `/apis/core.spinkube.dev/v1alpha1/namespaces/${ns}/spinappexecutors`, {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinAppExecutor',
        metadata: { name: executorName },
        spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
      });
    const created = await call('POST', configs, config('Fail'));
    assert.equal(created.status, 201);
    try {
      // A real server takes a moment to pick a new configuration up.
      let attempt = 0;
      const refused = await waitFor('the webhook to be called', async () => {
        const answer = await executor(`refused-${attempt++}`);
        return answer.status === 500 ? answer : undefined;
      });
      assert.ok(
        refused.json.message!.startsWith(
          'Internal error occurred: failed calling webhook "unreachable.spinkube.dev": failed to call webhook: Post "https://127.0.0.1:1/validate?timeout=2s": ',
        ),
        refused.json.message,
      );
      const rv = (created.json.metadata as { resourceVersion: string }).resourceVersion;
      assert.equal((await call('PUT', `${configs}/${name}`, config('Ignore', rv))).status, 200);
      await waitFor(
        'the webhook to be passed over',
        async () => (await executor(`admitted-${attempt++}`)).status === 201,
      );
    } finally {
      await call('DELETE', `${configs}/${name}`);
    }
  });
});

describe('API server answers: reads', () => {
  it('answers an unknown API group with the plain-text 404 page', async () => {
    const answer = await call('GET', '/apis/nonexistent.spinkube.dev/v1/things');
    assert.equal(answer.status, 404);
    assert.match(answer.contentType, /^text\/plain/);
    assert.equal(answer.text.trim(), '404 page not found');
  });

  it('sends one bookmark near the end of a short watch, not one a second', async () => {
    const kc = cluster.kubeConfig;
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          configMaps(),
          { allowWatchBookmarks: true, timeoutSeconds: 5 },
          (type: string) => events.push(type),
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
        )
        .catch(reject);
    });
    assert.equal(events.filter((t) => t === 'BOOKMARK').length, 1, `events: ${events.join(', ')}`);
  });

  it('answers a list at a compacted resourceVersion with resourceVersionMatch=Exact with 410', async () => {
    const answer = await call('GET', `${configMaps()}?resourceVersion=1&resourceVersionMatch=Exact`);
    assert.equal(answer.status, 410);
    assert.equal(answer.json.reason, 'Expired');
    assert.equal(answer.json.message, 'The resourceVersion for the provided list is too old.');
  });

  it("prints SpinApps as a Table with exactly the CRD's printer columns", async () => {
    const crd = readCrds('main').find(
      (c) => (c.spec as { names: { kind: string } }).names.kind === 'SpinApp',
    )!;
    const version = (
      crd.spec as { versions: { name: string; additionalPrinterColumns?: { name: string }[] }[] }
    ).versions.find((v) => v.name === 'v1alpha1')!;
    const kc = cluster.kubeConfig;
    const init = await kc.applyToFetchOptions({});
    const headers: Record<string, string> = {};
    (init.headers as unknown as { forEach(f: (v: string, k: string) => void): void }).forEach((v, k) => {
      headers[k] = v;
    });
    headers.Accept = 'application/json;as=Table;v=v1;g=meta.k8s.io';
    const server = kc.getCurrentCluster()!.server.replace(/\/+$/, '');
    const res = await fetch(`${server}/apis/core.spinkube.dev/v1alpha1/namespaces/${ns}/spinapps`, {
      headers,
      agent: init.agent as never,
    });
    const table = (await res.json()) as { kind: string; columnDefinitions: { name: string }[] };
    assert.equal(table.kind, 'Table');
    assert.deepEqual(
      table.columnDefinitions.map((c) => c.name),
      ['Name', ...(version.additionalPrinterColumns ?? []).map((c) => c.name)],
    );
  });

  it('answers a SelfSubjectRulesReview with its rules only, not the namespace asked for', async () => {
    const review = (namespace?: string) =>
      call('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: namespace ? { namespace } : {},
      });
    const answer = await review(ns);
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json.spec, {});
    assert.ok(((answer.json.status as { resourceRules: unknown[] }).resourceRules ?? []).length > 0);
    const none = await review();
    assert.equal(none.status, 400);
    assert.equal(none.json.message, 'no namespace on request');
  });
});
