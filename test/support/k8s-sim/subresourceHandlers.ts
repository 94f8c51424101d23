// Subresources beyond status: pods/binding (what the scheduler posts) and the scale subresource.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, methodNotAllowed } from './apiErrors.js';
import { parseBody, readBody, sendJson } from './httpUtil.js';
import { jsonPatch, mergePatch } from './patches.js';
import type { ResourceOps, WriteOptions } from './resourceOps.js';
import { patchTypeOf } from './resourceOps.js';
import { replicasPatch, scaleOf } from './scaleSubresource.js';
import type { ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';
import { typeKey } from './types.js';

export async function handleBinding(
  ops: ResourceOps,
  store: ObjectStore,
  type: ResourceType,
  namespace: string,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = parseBody(await readBody(req), false) as { target?: { name?: string } };
  const node = body.target?.name;
  if (!node) throw badRequest('Binding "' + name + '" is invalid: target.name: Required value');
  const pod = ops.get(type, namespace, name);
  const current = pod.spec?.nodeName;
  if (current) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${String(current)}"`,
      { name, kind: 'pods/binding' },
    );
  }
  const bound = structuredClone(pod);
  bound.spec = { ...bound.spec, nodeName: node };
  const conditions = ((bound.status?.conditions as object[] | undefined) ?? []).filter(
    (c) => (c as { type: string }).type !== 'PodScheduled',
  );
  bound.status = {
    ...bound.status,
    conditions: [
      ...conditions,
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    ],
  };
  store.put(typeKey(type.group, type.plural), namespace, name, bound);
  sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

export async function handleScale(
  ops: ResourceOps,
  type: ResourceType,
  namespace: string,
  name: string,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  writeOptions: WriteOptions,
): Promise<void> {
  const live = ops.get(type, namespace, name);
  if (method === 'GET') return sendJson(res, 200, scaleOf(type, live));
  let scale: KubeObject;
  if (method === 'PUT') scale = parseBody(await readBody(req), false) as KubeObject;
  else if (method === 'PATCH') {
    const patchType = patchTypeOf(req.headers['content-type']);
    if (patchType === 'apply') {
      throw badRequest('apply is not supported on the scale subresource by this simulator');
    }
    const current = scaleOf(type, live);
    const body = parseBody(await readBody(req), false);
    scale = (patchType === 'json' ? jsonPatch(current, body) : mergePatch(current, body)) as KubeObject;
  } else throw methodNotAllowed(method);
  const updated = ops.patch(type, namespace, name, 'merge', replicasPatch(type, scale), writeOptions);
  sendJson(res, 200, scaleOf(type, updated));
}
