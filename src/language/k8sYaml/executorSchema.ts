// The bundled description of a SpinAppExecutor (core.spinkube.dev/v1alpha1).
import { objectMeta } from './coreV1Schemas';
import type { OpenApiSchema } from './openApi';
import { bool, obj, open, str } from './schemaBuilders';

const executorSpec: OpenApiSchema = obj(
  'How SpinApps that name this executor are run.',
  {
    createDeployment: bool(
      'Whether the operator creates a Deployment for each SpinApp (true), or something else runs the app (false).',
    ),
    deploymentConfig: obj('How the Deployments are set up when createDeployment is true.', {
      runtimeClassName: str(
        'RuntimeClass of the app pods, the Spin containerd shim (for example `wasmtime-spin-v2`). Set this or spinImage, not both.',
      ),
      spinImage: str(
        'Container image that runs `spin up` for the app instead of the shim. Set this or runtimeClassName, not both; app images must then be pullable without credentials.',
      ),
      caCertSecret: str('Secret with `ca-certificates.crt`, mounted at /etc/ssl/certs/ca-certificates.crt.'),
      installDefaultCACerts: bool(
        'Create a Secret with a default CA bundle (named `spin-ca` unless caCertSecret is set).',
      ),
      otel: obj('OpenTelemetry export of the app pods (OTEL_EXPORTER_OTLP_* environment variables).', {
        exporter_otlp_endpoint: str('Endpoint for all telemetry.'),
        exporter_otlp_traces_endpoint: str('Endpoint for traces only.'),
        exporter_otlp_metrics_endpoint: str('Endpoint for metrics only.'),
        exporter_otlp_logs_endpoint: str('Endpoint for logs only.'),
      }),
    }),
  },
  { required: ['createDeployment'] },
);

export const executorSchema: OpenApiSchema = obj('Tells the SpinKube operator how to run SpinApps.', {
  apiVersion: str('API group and version: `core.spinkube.dev/v1alpha1`.'),
  kind: str('`SpinAppExecutor`.'),
  metadata: objectMeta,
  spec: executorSpec,
  status: open('Observed state (empty for executors).'),
});
