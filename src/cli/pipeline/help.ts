// `spinkube --help` and `spinkube <command> --help`.
import { EXIT_CODE_TABLE } from './exitCodes';

const SCAFFOLD_FLAGS = `  -r, --replicas N                  replicas, or the minimum with an autoscaler (default 2)
      --max-replicas N              maximum replicas with an autoscaler (default 3)
      --autoscaler hpa|keda         add a HorizontalPodAutoscaler or a KEDA ScaledObject
      --autoscaler-target-cpu-utilization N      (default 60)
      --autoscaler-target-memory-utilization N   (default 60)
      --executor NAME               SpinAppExecutor (default containerd-shim-spin)
      --cpu-limit Q  --cpu-request Q  --memory-limit Q  --memory-request Q
      --azure-identity              label pods for Azure workload identity
      --service-account-name NAME
  -c, --runtime-config-file PATH    store it in a Secret and load it from there
  -s, --image-pull-secret NAME      (repeatable)
  -v, --variable NAME=VALUE         (repeatable) required spin.toml variables are added too
      --component ID                (repeatable) run only these components
      --name NAME                   SpinApp name (default: last segment of the image repository)`;

const CLUSTER_FLAGS = `  -n, --namespace NAME              (default: the namespace of the kubeconfig context)
      --kubeconfig PATH             (default: $KUBECONFIG, else ~/.kube/config)
      --context NAME                kubeconfig context (default: the current one)`;

const COMMON = `  -f, --file PATH                   the manifest (default ./spin.toml)
      --json                        JSON lines: every event, then one {"type":"result"} object
  -h, --help`;

export const HELP: Record<string, string> = {
  main: `spinkube: build, push, scaffold and deploy Spin apps to SpinKube (for CI and terminals)

Usage:
  spinkube build [-f spin.toml] [-c COMPONENT]… [--spin] [--force]
  spinkube push REF [-f spin.toml] [-k]
  spinkube scaffold REF [flags] [-o FILE]
  spinkube deploy REF [-f spin.toml] [--build] [--namespace N] [--executor E] [--wait] [--timeout S] [--force]
  spinkube deploy -f spinapp.yaml [--namespace N] [--wait]
  spinkube undeploy NAME [--namespace N]
  spinkube up [-f spin.toml] [--listen 127.0.0.1:3000] [--watch]

Run 'spinkube <command> --help' for the flags of a command. Every command takes --json.

${EXIT_CODE_TABLE}
`,
  build: `spinkube build: run the build commands of spin.toml's components, in Spin's order

Usage: spinkube build [flags]
${COMMON}
  -c, --component ID                build only this component (repeatable)
      --spin                        run \`spin build\` instead (needs the Spin CLI)
      --force                       build every component, even those that are up to date

${EXIT_CODE_TABLE}
`,
  push: `spinkube push: package the app as spin registry push does and push it

Usage: spinkube push REF [flags]
${COMMON}
  -k, --insecure                    allow plain HTTP to this registry
      --allow-outside-files         push files that symbolic links take outside the app folder
                                    (each is named in a warning; without it they fail the push)

${EXIT_CODE_TABLE}
`,
  scaffold: `spinkube scaffold: write SpinApp YAML for an image, as spin kube scaffold does

Usage: spinkube scaffold REF [flags]
${COMMON}
${SCAFFOLD_FLAGS}
  -n, --namespace NAME              set metadata.namespace
  -o, --out FILE                    write to FILE instead of stdout

${EXIT_CODE_TABLE}
`,
  deploy: `spinkube deploy: apply a SpinApp (server-side apply) and optionally wait until it is available

Usage: spinkube deploy REF [flags]          scaffold a SpinApp for REF and apply it
       spinkube deploy REF --build [flags]  build, push to REF and apply (spinapp.yaml next to
                                            spin.toml, else scaffolded), skipping what is unchanged
       spinkube deploy -f app.yaml [flags]    apply the SpinApp YAML in app.yaml
${COMMON}
      --build                       build the app and push it to REF first
  -k, --insecure                    with --build: allow plain HTTP to this registry
${SCAFFOLD_FLAGS}
${CLUSTER_FLAGS}
  -w, --wait                        follow the rollout until the SpinApp is available; explain failures
      --timeout S                   seconds to wait (default 300)
      --force                       take over fields another tool manages (after an apply conflict)

${EXIT_CODE_TABLE}
`,
  undeploy: `spinkube undeploy: delete a SpinApp that spinkube deployed (never anything else)

Usage: spinkube undeploy NAME [flags]
${COMMON}
${CLUSTER_FLAGS}

${EXIT_CODE_TABLE}
`,
};
