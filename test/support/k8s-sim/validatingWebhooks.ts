// ValidatingWebhookConfigurations honoured as kube-apiserver honours them: for a create or update
// whose group, version, resource, operation and scope match a webhook's rules, the server POSTs an
// AdmissionReview v1 to `clientConfig.url` (+ `?timeout=<n>s`) over HTTPS, trusting `caBundle`.
// A denial becomes `admission webhook "<name>" denied the request: <message>` with the webhook's
// code (at least 400); a call that fails is a 500 `failed calling webhook` under failurePolicy
// Fail (the default) and is ignored under Ignore. Services as clientConfig are not simulated.
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { ApiError, type StatusDetails, type StatusReason } from './apiErrors.js';
import type { ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';

export const WEBHOOK_CONFIG_KEY = 'admissionregistration.k8s.io/validatingwebhookconfigurations';

interface Rule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
}

interface Webhook {
  name: string;
  clientConfig?: { url?: string; caBundle?: string };
  rules?: Rule[];
  failurePolicy?: 'Fail' | 'Ignore';
  timeoutSeconds?: number;
}

export interface WebhookRequest {
  readonly operation: 'CREATE' | 'UPDATE';
  readonly type: ResourceType;
  readonly version: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
  readonly subresource?: string;
  readonly dryRun: boolean;
}

const any = (list: string[] | undefined, value: string): boolean =>
  (list ?? []).some((v) => v === '*' || v === value);

function matches(
  rule: Rule,
  req: Pick<WebhookRequest, 'operation' | 'type' | 'version' | 'subresource'>,
): boolean {
  const resource = req.subresource ? `${req.type.plural}/${req.subresource}` : req.type.plural;
  const scope = rule.scope ?? '*';
  const scoped = scope === '*' || (scope === 'Namespaced') === req.type.namespaced;
  return (
    any(rule.apiGroups, req.type.group) &&
    any(rule.apiVersions, req.version) &&
    (any(rule.resources, resource) || (rule.resources ?? []).includes(`${req.type.plural}/*`)) &&
    any(rule.operations, req.operation) &&
    scoped
  );
}

/** The webhooks of all configurations that apply to the request. */
export function matchingWebhooks(
  store: ObjectStore,
  req: Pick<WebhookRequest, 'operation' | 'type' | 'version' | 'subresource'>,
): Webhook[] {
  const hooks: Webhook[] = [];
  for (const config of store.objects(WEBHOOK_CONFIG_KEY)) {
    for (const hook of (config.webhooks as Webhook[] | undefined) ?? []) {
      if ((hook.rules ?? []).some((r) => matches(r, req))) hooks.push(hook);
    }
  }
  return hooks;
}

function review(req: WebhookRequest): object {
  const gv = { group: req.type.group, version: req.version };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: randomUUID(),
      kind: { ...gv, kind: req.type.kind },
      resource: { ...gv, resource: req.type.plural },
      ...(req.subresource ? { subResource: req.subresource } : {}),
      requestKind: { ...gv, kind: req.type.kind },
      requestResource: { ...gv, resource: req.type.plural },
      name: req.name,
      ...(req.type.namespaced ? { namespace: req.namespace } : {}),
      operation: req.operation,
      userInfo: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
      object: req.object,
      oldObject: req.oldObject ?? null,
      dryRun: req.dryRun,
      options: {
        apiVersion: 'meta.k8s.io/v1',
        kind: req.operation === 'CREATE' ? 'CreateOptions' : 'UpdateOptions',
      },
    },
  };
}

interface AdmissionResponse {
  allowed?: boolean;
  status?: { code?: number; reason?: string; message?: string; details?: StatusDetails };
}

function post(
  url: string,
  ca: string | undefined,
  body: object,
  timeoutMs: number,
): Promise<AdmissionResponse> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        ...(ca ? { ca } : {}),
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
        timeout: timeoutMs,
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 300) {
            reject(new Error(`received invalid webhook response code ${res.statusCode}`));
            return;
          }
          try {
            resolve(
              ((JSON.parse(data) as { response?: AdmissionResponse }).response ?? {}) as AdmissionResponse,
            );
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded')));
    req.on('error', reject);
    req.end(text);
  });
}

function denial(name: string, status: AdmissionResponse['status']): ApiError {
  const deniedBy = `admission webhook "${name}" denied the request`;
  const result = status ?? {};
  const code = result.code !== undefined && result.code >= 400 ? result.code : 400;
  const message = result.message
    ? `${deniedBy}: ${result.message}`
    : result.reason
      ? `${deniedBy}: ${result.reason}`
      : `${deniedBy} without explanation`;
  return new ApiError(code, (result.reason ?? '') as StatusReason, message, result.details);
}

/** Calls the matching webhooks in turn; throws the first denial (or failed call under Fail). */
export async function runValidatingWebhooks(store: ObjectStore, req: WebhookRequest): Promise<void> {
  for (const hook of matchingWebhooks(store, req)) {
    const url = hook.clientConfig?.url;
    const timeout = hook.timeoutSeconds ?? 10;
    const target = url ? `${url}${url.includes('?') ? '&' : '?'}timeout=${timeout}s` : '';
    let response: AdmissionResponse;
    try {
      if (!url) throw new Error('only webhooks with a clientConfig.url are simulated');
      const ca = hook.clientConfig?.caBundle
        ? Buffer.from(hook.clientConfig.caBundle, 'base64').toString('utf8')
        : undefined;
      response = await post(target, ca, review(req), timeout * 1000);
    } catch (err) {
      if (hook.failurePolicy === 'Ignore') continue;
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError(
        500,
        'InternalError',
        `Internal error occurred: failed calling webhook "${hook.name}": failed to call webhook: Post "${target}": ${why}`,
        { causes: [{ reason: 'UnexpectedServerResponse', message: why }] },
      );
    }
    if (response.allowed !== true) throw denial(hook.name, response.status);
  }
}

/**
 * Admission by webhooks of one write: when a webhook applies, the write is first carried out as a
 * dry run (defaults, in-server admission, schema) and the webhooks judge the object it would store.
 */
export async function admitWrite(
  store: ObjectStore,
  probe: Omit<WebhookRequest, 'object' | 'name' | 'oldObject'>,
  dryRun: () => { object: KubeObject; oldObject?: KubeObject },
): Promise<void> {
  if (matchingWebhooks(store, probe).length === 0) return;
  const { object, oldObject } = dryRun();
  await runValidatingWebhooks(store, {
    ...probe,
    name: object.metadata.name ?? '',
    object,
    ...(oldObject ? { oldObject } : {}),
  });
}
