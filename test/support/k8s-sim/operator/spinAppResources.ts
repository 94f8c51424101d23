// What spin-operator creates for a SpinApp (SPEC §1c.5): the Deployment, the Service and the
// generated runtime-config Secret, built as apply configurations.
import type { KubeObject } from '../types.js';

export const APP_NAME_LABEL = 'core.spinkube.dev/app-name';
export const FIELD_MANAGER = 'spin-operator';

export interface SpinAppSpec {
  image?: string;
  executor?: string;
  replicas?: number;
  enableAutoscaling?: boolean;
  imagePullSecrets?: { name: string }[];
  checks?: { readiness?: ProbeSpec; liveness?: ProbeSpec };
  runtimeConfig?: {
    loadFromSecret?: string;
    keyValueStores?: RuntimeEntry[];
    sqliteDatabases?: RuntimeEntry[];
    llmCompute?: { type: string; options?: RuntimeOption[] };
  };
  volumes?: object[];
  volumeMounts?: object[];
  variables?: { name: string; value?: string; valueFrom?: object }[];
  serviceAnnotations?: Record<string, string>;
  deploymentAnnotations?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> };
  components?: string[];
  serviceAccountName?: string;
  invocationLimits?: Record<string, string>;
}

interface ProbeSpec {
  httpGet?: { path?: string; httpHeaders?: { name: string; value: string }[] };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

interface RuntimeOption {
  name: string;
  value?: string;
}

interface RuntimeEntry {
  name: string;
  type: string;
  options?: RuntimeOption[];
}

export interface ExecutorSpec {
  createDeployment?: boolean;
  deploymentConfig?: {
    runtimeClassName?: string;
    spinImage?: string;
    caCertSecret?: string;
    installDefaultCACerts?: boolean;
    otel?: Record<string, string>;
  };
}

export function readyLabel(name: string): string {
  return `core.spinkube.dev/app.${name}.status`;
}

function ownerRef(app: KubeObject): object {
  return {
    apiVersion: app.apiVersion,
    kind: app.kind,
    name: app.metadata.name,
    uid: app.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function probe(p: ProbeSpec | undefined): object | undefined {
  if (!p?.httpGet) return undefined;
  return {
    httpGet: {
      path: p.httpGet.path ?? '/',
      port: 80,
      ...(p.httpGet.httpHeaders ? { httpHeaders: p.httpGet.httpHeaders } : {}),
    },
    initialDelaySeconds: p.initialDelaySeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    periodSeconds: p.periodSeconds ?? 10,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

const OTEL_ENV: Record<string, string> = {
  exporter_otlp_endpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  exporter_otlp_traces_endpoint: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  exporter_otlp_metrics_endpoint: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  exporter_otlp_logs_endpoint: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
};

function memoryBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit: Record<string, number> = {
    '': 1,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Math.round(Number(m[1]) * unit[m[2] ?? '']!);
}

function env(spec: SpinAppSpec, executor: ExecutorSpec): object[] {
  const out: object[] = [];
  for (const v of spec.variables ?? []) {
    const name = `SPIN_VARIABLE_${v.name.toUpperCase()}`;
    out.push(v.valueFrom ? { name, valueFrom: v.valueFrom } : { name, value: v.value ?? '' });
  }
  out.push({ name: 'SPIN_HTTP_LISTEN_ADDR', value: '0.0.0.0:80' });
  for (const [k, v] of Object.entries(executor.deploymentConfig?.otel ?? {})) {
    const name = OTEL_ENV[k];
    if (name && v) out.push({ name, value: v });
  }
  const memory = spec.invocationLimits?.memory;
  const bytes = memory !== undefined ? memoryBytes(memory) : undefined;
  if (bytes !== undefined) out.push({ name: 'SPIN_MAX_INSTANCE_MEMORY', value: String(bytes) });
  if (spec.components?.length) {
    out.push({ name: 'SPIN_COMPONENTS_TO_RETAIN', value: spec.components.join(',') });
  }
  return out;
}

/** The generated runtime config TOML (env variable provider + stores). */
export function runtimeConfigToml(spec: SpinAppSpec): string {
  const lines = ['[[config_provider]]', 'type = "env"', 'prefix = "SPIN_VARIABLE_"', ''];
  const section = (kind: string, e: RuntimeEntry): void => {
    lines.push(`[${kind}.${e.name}]`, `type = ${JSON.stringify(e.type)}`);
    for (const o of e.options ?? []) lines.push(`${o.name} = ${JSON.stringify(o.value ?? '')}`);
    lines.push('');
  };
  for (const kv of spec.runtimeConfig?.keyValueStores ?? []) section('key_value_store', kv);
  for (const db of spec.runtimeConfig?.sqliteDatabases ?? []) section('sqlite_database', db);
  if (spec.runtimeConfig?.llmCompute) {
    lines.push('[llm_compute]', `type = ${JSON.stringify(spec.runtimeConfig.llmCompute.type)}`);
    for (const o of spec.runtimeConfig.llmCompute.options ?? []) {
      lines.push(`${o.name} = ${JSON.stringify(o.value ?? '')}`);
    }
  }
  return lines.join('\n');
}

/** Adler-32 of the text, in hex, as the operator names the runtime config secret. */
export function adler32Hex(text: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (((b << 16) | a) >>> 0).toString(16);
}

export function runtimeConfigSecret(app: KubeObject, toml: string): KubeObject {
  const name = app.metadata.name!;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `${name}-${adler32Hex(toml)}`,
      namespace: app.metadata.namespace,
      labels: { [APP_NAME_LABEL]: name },
      ownerReferences: [ownerRef(app)] as never,
    },
    type: 'Opaque',
    data: { 'runtime-config.toml': Buffer.from(toml).toString('base64') },
  };
}

export function deploymentFor(app: KubeObject, executor: ExecutorSpec, runtimeSecret: string): KubeObject {
  const name = app.metadata.name!;
  const spec = (app.spec ?? {}) as SpinAppSpec;
  const selector = { [APP_NAME_LABEL]: name, [readyLabel(name)]: 'ready' };
  const config = executor.deploymentConfig ?? {};
  const container: Record<string, unknown> = {
    name,
    image: config.spinImage ? config.spinImage : spec.image,
    ports: [{ name: 'http-app', containerPort: 80, protocol: 'TCP' }],
    env: env(spec, executor),
    volumeMounts: [
      {
        name: 'spin-runtime-config',
        mountPath: '/runtime-config.toml',
        subPath: 'runtime-config.toml',
        readOnly: true,
      },
      ...(spec.volumeMounts ?? []),
    ],
  };
  if (config.spinImage) {
    container.args = [
      'up',
      '--listen',
      '0.0.0.0:80',
      '-f',
      spec.image,
      '--runtime-config-file',
      '/runtime-config.toml',
      ...(spec.components ?? []).flatMap((c) => ['--component-id', c]),
    ];
  } else container.command = ['/'];
  if (spec.resources) container.resources = spec.resources;
  const readiness = probe(spec.checks?.readiness);
  const liveness = probe(spec.checks?.liveness);
  if (readiness) container.readinessProbe = readiness;
  if (liveness) container.livenessProbe = liveness;
  const volumes: object[] = [
    { name: 'spin-runtime-config', secret: { secretName: runtimeSecret, optional: true } },
    ...(spec.volumes ?? []),
  ];
  if (config.caCertSecret || config.installDefaultCACerts) {
    const secretName = config.caCertSecret || 'spin-ca';
    volumes.push({
      name: 'spin-ca',
      secret: { secretName, items: [{ key: 'ca-certificates.crt', path: 'ca-certificates.crt' }] },
    });
    (container.volumeMounts as object[]).push({
      name: 'spin-ca',
      mountPath: '/etc/ssl/certs/ca-certificates.crt',
      subPath: 'ca-certificates.crt',
      readOnly: true,
    });
  }
  const podSpec: Record<string, unknown> = {
    serviceAccountName: spec.serviceAccountName || 'default',
    containers: [container],
    volumes,
  };
  if (config.runtimeClassName && !config.spinImage) podSpec.runtimeClassName = config.runtimeClassName;
  if (spec.imagePullSecrets?.length) podSpec.imagePullSecrets = spec.imagePullSecrets;
  const deploymentSpec: Record<string, unknown> = {
    selector: { matchLabels: selector },
    template: {
      metadata: {
        labels: { ...selector, ...(spec.podLabels ?? {}) },
        ...(spec.podAnnotations ? { annotations: spec.podAnnotations } : {}),
      },
      spec: podSpec,
    },
  };
  if (!spec.enableAutoscaling) deploymentSpec.replicas = spec.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: app.metadata.namespace,
      labels: { [APP_NAME_LABEL]: name },
      ...(spec.deploymentAnnotations ? { annotations: spec.deploymentAnnotations } : {}),
      ownerReferences: [ownerRef(app)] as never,
    },
    spec: deploymentSpec,
  };
}

export function serviceFor(app: KubeObject): KubeObject {
  const name = app.metadata.name!;
  const spec = (app.spec ?? {}) as SpinAppSpec;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: app.metadata.namespace,
      labels: { [APP_NAME_LABEL]: name },
      ...(spec.serviceAnnotations ? { annotations: spec.serviceAnnotations } : {}),
      ownerReferences: [ownerRef(app)] as never,
    },
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'http-app', port: 80, protocol: 'TCP', targetPort: 'http-app' }],
      selector: { [readyLabel(name)]: 'ready' },
    },
  };
}
