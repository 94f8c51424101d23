// Small spin.toml texts for tests that need a real app next to a SpinApp: an HTTP app whose
// components each have a route `/<id>/...` and a `source = "<id>.wasm"`.

/**
 * A spin.toml (manifest version 2) named `appName`, one HTTP trigger and one component per id. With
 * one id, the component table header `[component.<id>]` is on line 9 (0-based).
 */
export function httpAppManifest(appName: string, componentIds: readonly string[]): string {
  const components = componentIds.map(
    (id) => `[[trigger.http]]
route = "/${id}/..."
component = "${id}"

[component.${id}]
source = "${id}.wasm"
`,
  );
  return `spin_manifest_version = 2

[application]
name = "${appName}"

${components.join('\n')}`;
}

/**
 * The `hello` app the navigation tests share: a required variable `api_key`, used by component
 * `api` (route `/api/...`), and a component `web` (route `/...`).
 */
export const HELLO_APP_MANIFEST = `spin_manifest_version = 2

[application]
name = "hello"

[variables]
api_key = { required = true }

[[trigger.http]]
route = "/api/..."
component = "api"

[[trigger.http]]
route = "/..."
component = "web"

[component.api]
source = "api.wasm"
variables = { key = "{{ api_key }}" }

[component.web]
source = "web.wasm"
`;

/**
 * The smallest valid app: `[application]` named `appName` and one HTTP trigger (route `/...`) for
 * one component `componentId` with `source = "<componentId>.wasm"`. `name` is on line 4 (1-based).
 */
export function singleComponentManifest(appName: string, componentId: string): string {
  return `spin_manifest_version = 2

[application]
name = "${appName}"

[[trigger.http]]
route = "/..."
component = "${componentId}"

[component.${componentId}]
source = "${componentId}.wasm"
`;
}
