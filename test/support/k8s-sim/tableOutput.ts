// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), as kubectl get
// asks for it: the usual columns of pods, deployments, nodes and services, the CRD's
// additionalPrinterColumns for custom resources, else NAME and AGE.
import type { ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (o: KubeObject) => unknown;
}

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** `42s`, `5m`, `3h`, `4d` as kubectl prints ages. */
export function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const col = (name: string, cell: Column['cell'], priority = 0, type = 'string'): Column => ({
  name,
  type,
  format: name === 'Name' ? 'name' : '',
  description: name,
  priority,
  cell,
});
const nameCol = col('Name', (o) => o.metadata.name);
const ageCol = col('Age', (o) => age(o.metadata.creationTimestamp));

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function podColumns(): Column[] {
  const statuses = (o: KubeObject): ContainerStatus[] =>
    (o.status?.containerStatuses as ContainerStatus[] | undefined) ?? [];
  return [
    nameCol,
    col(
      'Ready',
      (o) =>
        `${statuses(o).filter((s) => s.ready).length}/${((o.spec?.containers as unknown[]) ?? []).length}`,
    ),
    col('Status', (o) => {
      if (o.metadata.deletionTimestamp) return 'Terminating';
      const s = statuses(o).find((c) => c.state?.waiting?.reason || c.state?.terminated?.reason);
      return (
        s?.state?.waiting?.reason ?? s?.state?.terminated?.reason ?? String(o.status?.phase ?? 'Pending')
      );
    }),
    col('Restarts', (o) => statuses(o).reduce((n, s) => n + (s.restartCount ?? 0), 0), 0, 'integer'),
    ageCol,
    col('IP', (o) => o.status?.podIP ?? '<none>', 1),
    col('Node', (o) => o.spec?.nodeName ?? '<none>', 1),
  ];
}

function builtinColumns(kind: string): Column[] | undefined {
  switch (kind) {
    case 'Pod':
      return podColumns();
    case 'Deployment':
      return [
        nameCol,
        col('Ready', (o) => `${Number(o.status?.readyReplicas ?? 0)}/${Number(o.spec?.replicas ?? 0)}`),
        col('Up-to-date', (o) => Number(o.status?.updatedReplicas ?? 0), 0, 'integer'),
        col('Available', (o) => Number(o.status?.availableReplicas ?? 0), 0, 'integer'),
        ageCol,
      ];
    case 'Node':
      return [
        nameCol,
        col('Status', (o) => {
          const ready = ((o.status?.conditions as { type: string; status: string }[] | undefined) ?? []).find(
            (c) => c.type === 'Ready',
          );
          return ready?.status === 'True' ? 'Ready' : 'NotReady';
        }),
        col('Roles', () => '<none>'),
        ageCol,
        col('Version', (o) => at(o, '.status.nodeInfo.kubeletVersion') ?? ''),
      ];
    case 'Service':
      return [
        nameCol,
        col('Type', (o) => o.spec?.type ?? 'ClusterIP'),
        col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
        col('External-IP', () => '<none>'),
        col('Port(s)', (o) =>
          ((o.spec?.ports as { port: number; protocol?: string }[] | undefined) ?? [])
            .map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)
            .join(','),
        ),
        ageCol,
      ];
    case 'Event':
      return [
        col('Last Seen', (o) => age((o.lastTimestamp as string | undefined) ?? o.metadata.creationTimestamp)),
        col('Type', (o) => o.type ?? 'Normal'),
        col('Reason', (o) => o.reason ?? ''),
        col('Object', (o) => {
          const inv = (o.involvedObject ?? {}) as { kind?: string; name?: string };
          return `${String(inv.kind ?? '').toLowerCase()}/${inv.name ?? ''}`;
        }),
        col('Message', (o) => o.message ?? ''),
        { ...nameCol, priority: 1 },
      ];
    default:
      return undefined;
  }
}

interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
}

function crdColumns(store: ObjectStore, type: ResourceType, version: string): Column[] {
  const crd = store.get('apiextensions.k8s.io/customresourcedefinitions', '', `${type.plural}.${type.group}`);
  const versions =
    (crd?.spec?.versions as { name: string; additionalPrinterColumns?: PrinterColumn[] }[] | undefined) ?? [];
  const printer = versions.find((v) => v.name === version)?.additionalPrinterColumns ?? [];
  const columns = printer.map((p) =>
    col(
      p.name,
      (o) => (p.type === 'date' ? age(at(o, p.jsonPath) as string | undefined) : (at(o, p.jsonPath) ?? null)),
      p.priority ?? 0,
      p.type,
    ),
  );
  // Exactly the CRD's columns; only a version without any gets the default Age column.
  return [nameCol, ...(printer.length > 0 ? columns : [ageCol])];
}

export function toTable(
  store: ObjectStore,
  type: ResourceType,
  version: string,
  items: KubeObject[],
  metadata: object,
): object {
  const columns = type.custom
    ? crdColumns(store, type, version)
    : (builtinColumns(type.kind) ?? [nameCol, ageCol]);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map(({ cell: _cell, ...c }) => c),
    rows: items.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { ...o.metadata, managedFields: undefined },
      },
    })),
  };
}
