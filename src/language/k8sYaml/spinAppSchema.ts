// The bundled description of a SpinApp (core.spinkube.dev/v1alpha1), written from the facts of the
// operator's API types: every spec field, with the core/v1 types it embeds.
import {
  envVarSource,
  configMapKeySelector,
  localObjectReference,
  objectMeta,
  resourceRequirements,
  secretKeySelector,
  volume,
  volumeMount,
} from './coreV1Schemas';
import type { OpenApiSchema } from './openApi';
import { bool, int32, list, obj, open, str, stringMap } from './schemaBuilders';

const probe = (what: string, purpose: string): OpenApiSchema =>
  obj(`${what} probe of the app container (port 80); ${purpose}`, {
    httpGet: obj(
      'The HTTP GET request that probes the app.',
      {
        path: str('Path requested on the app, for example `/healthz`.'),
        httpHeaders: list(
          'Extra request headers.',
          obj(
            'One header.',
            { name: str('Header name.'), value: str('Header value.') },
            { required: ['name', 'value'] },
          ),
        ),
      },
      { required: ['path'] },
    ),
    initialDelaySeconds: int32('Seconds after start before the first probe (default 10).', { default: 10 }),
    timeoutSeconds: int32('Seconds before a probe times out (default 1).', { default: 1 }),
    periodSeconds: int32('Seconds between probes (default 10).', { default: 10 }),
    successThreshold: int32('Successes in a row that count as passing (default 1).', { default: 1 }),
    failureThreshold: int32('Failures in a row that count as failing (default 3).', { default: 3 }),
  });

const runtimeOption = obj(
  'One option of the store: a literal `value` or a `valueFrom` a ConfigMap or Secret key.',
  {
    name: str('Option name, for example `url` or `token`.'),
    value: str('Literal value.'),
    valueFrom: obj('Takes the value from a ConfigMap or Secret key.', {
      configMapKeyRef: configMapKeySelector,
      secretKeyRef: secretKeySelector,
    }),
  },
  { required: ['name'] },
);

const store = (what: string): OpenApiSchema =>
  obj(
    `A ${what} the app can open by name.`,
    {
      name: str(`Label the app uses to open the ${what} (\`default\` is the one opened by default).`),
      type: str(`Kind of ${what} backend, for example \`redis\`, \`spin\` or \`libsql\`.`),
      options: list('Backend settings.', runtimeOption),
    },
    { required: ['name', 'type'] },
  );

const spinAppSpec: OpenApiSchema = obj(
  'What the operator runs: the app image, how many replicas, on which executor, with which settings.',
  {
    image: str(
      'OCI reference of the Spin app, as pushed by `spin registry push` (for example `ghcr.io/you/app:v1`).',
    ),
    executor: str(
      'Name of the SpinAppExecutor (in the same namespace) that runs the app, for example `containerd-shim-spin`. When empty, the operator picks the first executor by name.',
    ),
    replicas: int32(
      'Number of pods; at least 1 unless `enableAutoscaling` is true, in which case leave it unset.',
    ),
    enableAutoscaling: bool(
      'Leave the replica count to an autoscaler (HPA or KEDA targeting the Deployment named like the SpinApp); `replicas` must then be unset.',
      { default: false },
    ),
    imagePullSecrets: list(
      'Secrets used to pull the app image from a private registry.',
      localObjectReference('Secret'),
    ),
    checks: obj('Health checks of the app container.', {
      liveness: probe('Liveness', 'a failing app is restarted.'),
      readiness: probe('Readiness', 'traffic is sent only to ready pods.'),
    }),
    runtimeConfig: obj('Runtime configuration the operator generates for the app (stores, databases, LLM).', {
      loadFromSecret: str(
        'Use the `runtime-config.toml` key of this Secret as the whole runtime configuration; all other runtimeConfig fields are then ignored.',
      ),
      keyValueStores: list('Key-value stores.', store('key-value store')),
      sqliteDatabases: list('SQLite databases.', store('SQLite database')),
      llmCompute: obj(
        'Where LLM inferencing runs.',
        {
          type: str('Backend kind, for example `remote_http`.'),
          options: list('Backend settings.', runtimeOption),
        },
        { required: ['type'] },
      ),
    }),
    volumes: list('Volumes added to the app pod.', volume),
    volumeMounts: list('Where the volumes are mounted in the app container.', volumeMount),
    variables: list(
      'Values of the application variables of spin.toml; each becomes the environment variable `SPIN_VARIABLE_<NAME>`.',
      obj(
        'One application variable: a literal `value` or a `valueFrom` source.',
        {
          name: str('Name of the application variable in spin.toml `[variables]`.'),
          value: str('Literal value (quote numbers and booleans).'),
          valueFrom: envVarSource,
        },
        { required: ['name'] },
      ),
    ),
    serviceAnnotations: stringMap('Annotations of the Service the operator creates.'),
    deploymentAnnotations: stringMap('Annotations of the Deployment the operator creates.'),
    podAnnotations: stringMap('Annotations of the app pods.'),
    podLabels: stringMap('Extra labels of the app pods.'),
    resources: resourceRequirements,
    components: list(
      'Run only these component ids of the app (selective deployment); all components when omitted.',
      { type: 'string' },
      { minItems: 1 },
    ),
    serviceAccountName: str('Service account of the app pods (default `default`).'),
    invocationLimits: stringMap(
      'Limits applied to each request the app handles; the known key is `memory` (a quantity such as `128Mi`).',
    ),
  },
  { required: ['executor', 'image'] },
);

export const spinAppSchema: OpenApiSchema = obj('A Spin app run on Kubernetes by the SpinKube operator.', {
  apiVersion: str('API group and version: `core.spinkube.dev/v1alpha1`.'),
  kind: str('`SpinApp`.'),
  metadata: objectMeta,
  spec: spinAppSpec,
  status: open('Observed state, written by the operator; ignored when applying.'),
});
