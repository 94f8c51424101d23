// The benchmark's inputs: a typical spin.toml, one with 1,000 components and triggers, a typical
// SpinApp, and 1,000 SpinApps in one file; each valid and with three planted errors whose lines
// are known (the errors are marked with `#!` comments that name them, then stripped).

const TYPICAL_TOML = `spin_manifest_version = 2

[application]
name = "shop"
version = "1.0.0"
description = "A typical app"

[variables]
api_key = { required = true, secret = true }
greeting = { default = "hello" }

[[trigger.http]]
route = "/api/..."
component = "api"   #! trigger names a missing component: component = "payments"

[[trigger.http]]
route = "/..."
component = "web"

[component.api]
source = "api/api.wasm"
allowed_outbound_hosts = ["https://api.example.com"]
key_value_stores = ["default"]   #! wrong type (string for array): key_value_stores = "default"
[component.api.variables]
api_key = "{{ api_key }}"
[component.api.build]
command = "cargo build --target wasm32-wasip1 --release"
workdir = "api"
watch = ["src/**/*.rs", "Cargo.toml"]

[component.web]
source = "web/web.wasm"
files = [{ source = "assets", destination = "/" }]
environment = { MODE = "production" }   #! misspelt key: enviroment = { MODE = "production" }
`;

function largeToml(count) {
  const parts = [
    'spin_manifest_version = 2\n\n[application]\nname = "big"\n\n[variables]\ngreeting = { default = "hello" }\n',
  ];
  for (let i = 0; i < count; i++) {
    const plantTrigger =
      i === 1 ? `   #! trigger names a missing component: component = "missing-c${i}"` : '';
    const plantType =
      i === Math.floor(count / 2) ? '   #! wrong type (string for array): key_value_stores = "default"' : '';
    const plantKey = i === count - 2 ? `   #! misspelt key: enviroment = { INDEX = "${i}" }` : '';
    parts.push(`
[[trigger.http]]
route = "/c${i}/..."
component = "c${i}"${plantTrigger}

[component.c${i}]
source = "c${i}.wasm"
key_value_stores = ["default"]${plantType}
environment = { INDEX = "${i}" }${plantKey}
allowed_outbound_hosts = ["https://svc-${i}.example.com"]
`);
  }
  return parts.join('');
}

function spinApp(name, plants = []) {
  const has = (k) => plants.includes(k);
  return `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: ${name}
  namespace: default
spec:
  image: "ghcr.io/example/${name}:v1"
  executor: containerd-shim-spin
  replicas: 2${has('type') ? '   #! wrong type (string for integer): replicas: "two"' : ''}
  enableAutoscaling: false${has('field') ? '   #! unknown field: enableAutoscalling: false' : ''}
  resources:
    limits:
      cpu: 500m${has('quantity') ? '   #! malformed quantity: cpu: 500x' : ''}
      memory: 128Mi
  variables:
    - name: greeting
      value: hello
`;
}

function largeYaml(count) {
  const plants = { 1: ['type'], [Math.floor(count / 2)]: ['field'], [count - 2]: ['quantity'] };
  return Array.from({ length: count }, (_, i) => spinApp(`app-${i}`, plants[i])).join('---\n');
}

/** Splits the marked text into the valid text and the planted text with the error lines (0-based). */
function plant(marked) {
  const valid = [];
  const planted = [];
  const errorLines = [];
  marked.split('\n').forEach((line, index) => {
    const at = line.indexOf('   #! ');
    if (at < 0) {
      valid.push(line);
      planted.push(line);
      return;
    }
    const replacement = line.slice(line.indexOf(': ', at) + 2);
    const indent = line.match(/^\s*/)[0];
    valid.push(line.slice(0, at));
    planted.push(indent + replacement);
    errorLines.push(index);
  });
  return { valid: valid.join('\n'), planted: planted.join('\n'), errorLines };
}

/** Each input: which language, its file name, valid and planted text, where the planted errors are. */
export function benchInputs() {
  return [
    { name: 'typical spin.toml', kind: 'toml', file: 'typical/spin.toml', ...plant(TYPICAL_TOML) },
    { name: 'spin.toml, 1,000 components', kind: 'toml', file: 'large/spin.toml', ...plant(largeToml(1000)) },
    {
      name: 'typical SpinApp',
      kind: 'yaml',
      file: 'k8s/spinapp.yaml',
      ...plant(spinApp('storefront', ['type', 'field', 'quantity'])),
    },
    {
      name: '1,000 SpinApps in one file',
      kind: 'yaml',
      file: 'k8s-large/spinapps.yaml',
      ...plant(largeYaml(1000)),
    },
  ];
}

/** A line to edit repeatedly (its value changes each time): a harmless string or number. */
export function editTarget(input) {
  const lines = input.valid.split('\n');
  const pattern = input.kind === 'toml' ? /^description = |^allowed_outbound_hosts = / : /^\s+value: hello/;
  const mid = Math.floor(lines.length / 2);
  let best = -1;
  lines.forEach((l, i) => {
    if (pattern.test(l) && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  });
  return { line: best, text: lines[best] };
}
