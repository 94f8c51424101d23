// The write verbs over HTTP: create, replace, patch (PatchOptions checked first), delete (grace
// period, propagation policy, preconditions) and delete of a collection, each admitted by the
// ValidatingWebhookConfigurations that apply before it is carried out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, invalidPatchOptions } from './apiErrors.js';
import { parseBody, readBody, sendJson } from './httpUtil.js';
import { Matcher, present } from './listWatch.js';
import type { DeletePropagation, ResourceOps, WriteOptions } from './resourceOps.js';
import { patchTypeOf } from './resourceOps.js';
import type { ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';
import { typeKey } from './types.js';
import { admitWrite } from './validatingWebhooks.js';

export interface Route {
  type: ResourceType;
  version: string;
  namespace: string | undefined;
  name?: string;
  subresource?: string;
}

export class WriteHandlers {
  constructor(
    private readonly store: ObjectStore,
    private readonly ops: ResourceOps,
  ) {}

  private probe(operation: 'CREATE' | 'UPDATE', route: Route, options: WriteOptions) {
    return {
      operation,
      type: route.type,
      version: route.version,
      namespace: route.namespace ?? '',
      ...(options.subresource ? { subresource: options.subresource } : {}),
      dryRun: options.dryRun ?? false,
    };
  }

  async create(
    route: Route,
    req: IncomingMessage,
    res: ServerResponse,
    options: WriteOptions,
  ): Promise<void> {
    const { type, version } = route;
    const namespace = route.namespace ?? '';
    const body = parseBody(await readBody(req), false) as KubeObject;
    await admitWrite(this.store, this.probe('CREATE', route, options), () => ({
      object: present(
        type,
        version,
        this.ops.create(type, namespace, body, { ...options, dryRun: true }),
        false,
      ),
    }));
    const created = this.ops.create(type, namespace, body, options);
    sendJson(res, 201, present(type, version, created, false));
  }

  async replace(
    route: Route,
    name: string,
    req: IncomingMessage,
    res: ServerResponse,
    options: WriteOptions,
  ): Promise<void> {
    const { type, version } = route;
    const namespace = route.namespace ?? '';
    const body = parseBody(await readBody(req), false) as KubeObject;
    await admitWrite(this.store, this.probe('UPDATE', route, options), () => ({
      object: present(
        type,
        version,
        this.ops.replace(type, namespace, name, body, { ...options, dryRun: true }),
        false,
      ),
      oldObject: present(type, version, this.ops.get(type, namespace, name), false),
    }));
    sendJson(res, 200, present(type, version, this.ops.replace(type, namespace, name, body, options), false));
  }

  async patch(
    route: Route,
    name: string,
    q: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
    options: WriteOptions,
  ): Promise<void> {
    const { type, version } = route;
    const namespace = route.namespace ?? '';
    const patchType = patchTypeOf(req.headers['content-type']);
    // PatchOptions are validated before the object is looked up.
    if (patchType !== 'apply' && q.has('force')) throw invalidPatchOptions(false);
    if (patchType === 'apply' && !q.get('fieldManager')) throw invalidPatchOptions(true);
    const body = parseBody(await readBody(req), patchType === 'apply');
    const live = this.store.get(typeKey(type.group, type.plural), namespace, name);
    await admitWrite(this.store, this.probe(live ? 'UPDATE' : 'CREATE', route, options), () => ({
      object: present(
        type,
        version,
        this.ops.patch(type, namespace, name, patchType, structuredClone(body), { ...options, dryRun: true }),
        false,
      ),
      ...(live ? { oldObject: present(type, version, live, false) } : {}),
    }));
    const out = this.ops.patch(type, namespace, name, patchType, body, options);
    sendJson(res, live !== undefined ? 200 : 201, present(type, version, out, false));
  }

  async delete(
    route: Route,
    name: string,
    q: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const { type, version } = route;
    const text = await readBody(req);
    const body = text.trim()
      ? (parseBody(text, false) as {
          propagationPolicy?: DeletePropagation;
          preconditions?: { uid?: string; resourceVersion?: string };
          gracePeriodSeconds?: number;
        })
      : {};
    const graceText = q.get('gracePeriodSeconds');
    const grace = graceText !== null ? Number(graceText) : body.gracePeriodSeconds;
    const policy = (q.get('propagationPolicy') as DeletePropagation | null) ?? body.propagationPolicy;
    if (policy && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
      throw badRequest(
        `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    const out = this.ops.delete(type, route.namespace ?? '', name, {
      propagationPolicy: policy,
      preconditions: body.preconditions,
      dryRun: q.get('dryRun') === 'All',
      ...(grace !== undefined && Number.isFinite(grace) ? { gracePeriodSeconds: grace } : {}),
    });
    sendJson(res, 200, present(type, version, out, false));
  }

  deleteCollection(route: Route, q: URLSearchParams, res: ServerResponse): void {
    const { type, version } = route;
    const matcher = new Matcher(type, route.namespace, q.get('labelSelector'), q.get('fieldSelector'));
    const key = typeKey(type.group, type.plural);
    const victims = [...this.store.objects(key, route.namespace)].filter((o) => matcher.matches(o));
    const deleted = victims.map((o) =>
      this.ops.delete(type, o.metadata.namespace ?? '', o.metadata.name!, {}),
    );
    sendJson(res, 200, {
      kind: type.listKind,
      apiVersion: type.group ? `${type.group}/${version}` : version,
      metadata: { resourceVersion: String(this.store.currentRv) },
      items: deleted.map((o) => present(type, version, o, true)),
    });
  }
}
