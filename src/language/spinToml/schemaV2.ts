// Version 2 spin.toml: every table, its keys and their types (SPEC §1a.2–1a.8), with the
// explanations shown on hover and in completion.
import {
  anything,
  bool,
  deprecatedField,
  field,
  int,
  map,
  str,
  stringOrStrings,
  strings,
  table,
  type Shape,
  type TableShape,
} from './schemaTypes';

const targetRef: Shape = {
  type: 'oneOf',
  options: [
    str,
    table({
      url: field(str, 'URL of a target environment definition.'),
      path: field(str, 'Path of a local target environment definition.'),
    }),
  ],
  expected: 'a target id string or a `{ url }` / `{ path }` table',
};

const targets = field(
  { type: 'array', items: targetRef },
  'Deployment environments the app must be compatible with (e.g. `"spin-up:3.3"`, `"spinkube:0.4"`); `spin build` checks them.',
);

const sourceShape: Shape = {
  type: 'oneOf',
  options: [
    str,
    table({
      url: field(str, 'URL to download the Wasm component from.'),
      digest: field(str, 'Content digest of the downloaded file; must start with `sha256:`.'),
      registry: field(str, 'Registry to fetch the package from (default: the standard one).'),
      package: field(str, 'Package name, `namespace:name`.'),
      version: field(str, 'Exact semantic version of the package.'),
    }),
  ],
  expected: 'a path string or a `{ url, digest }` / `{ package, version }` table',
};

const filesShape: Shape = {
  type: 'array',
  items: {
    type: 'oneOf',
    options: [
      str,
      table({
        source: field(str, 'File or folder in the app, relative to spin.toml.', true),
        destination: field(str, 'Absolute path where the component sees it.', true),
      }),
    ],
    expected: 'a path/glob string or a `{ source, destination }` table',
  },
};

const inheritConfiguration: Shape = {
  type: 'oneOf',
  options: [bool, strings],
  expected: 'a boolean or an array of configuration keys',
};

const dependencyShape: Shape = {
  type: 'oneOf',
  options: [
    str,
    table({
      version: field(str, 'Semantic version requirement of the package.'),
      registry: field(str, 'Registry to fetch the package from.'),
      package: field(str, 'Package name, when the key is a plain name.'),
      path: field(str, 'Local path of a Wasm component that satisfies the dependency.'),
      url: field(str, 'URL of a Wasm component that satisfies the dependency.'),
      digest: field(str, 'Content digest of the downloaded component (`sha256:…`).'),
      component: field(str, 'Id of a component of this app that satisfies the dependency.'),
      export: field(str, 'Name of the export of the dependency to use.'),
      inherit_configuration: field(
        inheritConfiguration,
        'Let the dependency see the parent component configuration: `true`, `false`, or a list of keys.',
      ),
    }),
  ],
  expected: 'a version requirement string or a dependency table',
};

const buildShape: TableShape = table({
  command: field(stringOrStrings, 'Command (or commands, run left to right) that build the component.', true),
  workdir: field(str, 'Folder to run the build in, relative to spin.toml.'),
  watch: field(strings, 'Globs of files that `spin watch` watches to rebuild, relative to `workdir`.'),
});

const profileShape: Shape = map(
  table({
    source: field(sourceShape, 'Source used with this profile.'),
    environment: field(map(str, 'Environment variable'), 'Environment entries merged over the defaults.'),
    dependencies: field(map(dependencyShape, 'Dependency name'), 'Dependencies merged over the defaults.'),
    build: field(
      table({ command: field(stringOrStrings, 'Build command for this profile.') }),
      'Build settings.',
    ),
  }),
  'Profile name',
);

/** Fields shared by v1 and v2 components. */
export const commonComponentFields = {
  source: field(
    sourceShape,
    'The Wasm component to run: a path relative to spin.toml, `{ url, digest }`, or `{ registry, package, version }`.',
    true,
  ),
  description: field(str, 'What the component does.'),
  environment: field(map(str, 'Environment variable'), 'Environment variables set for the component.'),
  files: field(
    filesShape,
    'Files made available to the component: paths or globs relative to spin.toml, or `{ source, destination }`.',
  ),
  exclude_files: field(strings, 'Globs of files to leave out of `files`.'),
  allowed_outbound_hosts: field(
    strings,
    'Network destinations the component may reach, as `scheme://host:port` (e.g. `https://api.example.com`, `redis://*:6379`).',
  ),
  allowed_http_hosts: deprecatedField(strings, 'Deprecated: use `allowed_outbound_hosts`.'),
  key_value_stores: field(
    strings,
    'Key-value stores the component may use (`default`, or labels from runtime config).',
  ),
  sqlite_databases: field(
    strings,
    'SQLite databases the component may use (`default`, or labels from runtime config).',
  ),
  ai_models: field(strings, 'AI models the component may use, e.g. `llama2-chat`.'),
  build: field(buildShape, 'How `spin build` builds this component.'),
};

const componentShape: TableShape = table({
  ...commonComponentFields,
  variables: field(
    map(str, 'Component variable (lower_snake_case)'),
    'Component variables; values may use `{{ app_variable }}` templates.',
  ),
  targets,
  tool: field(map(anything, 'Tool name'), 'Settings for third-party tools; ignored by Spin.'),
  dependencies_inherit_configuration: field(
    bool,
    'Let all dependencies see this component configuration (exclusive with per-dependency `inherit_configuration`).',
  ),
  dependencies: field(map(dependencyShape, 'Dependency name'), 'WIT imports satisfied by other components.'),
  profile: field(profileShape, 'Overrides applied with `--profile <name>`.'),
});

const triggerCommon = {
  id: field(str, 'Trigger id (generated when absent).'),
  component: field(
    {
      type: 'oneOf',
      options: [str, componentShape],
      expected: 'a component id or an inline component table',
    },
    'The component that handles events: an id from `[component.<id>]` or an inline component table.',
  ),
  components: field(map(anything, 'Role'), 'Extra trigger-specific components.'),
  dependencies: field(map(anything, 'Role'), 'Trigger dependencies such as HTTP middleware.'),
};

const httpTriggerShape: TableShape = table({
  ...triggerCommon,
  route: field(
    {
      type: 'oneOf',
      options: [
        str,
        table({ private: field(bool, 'No external route; reachable only by service chaining.') }),
      ],
      expected: 'a route string or `{ private = true }`',
    },
    'Path the component handles: exact (`/cart`), with `:name` segments, or ending in `/...` for a prefix; or `{ private = true }`.',
    true,
  ),
  static_response: field(
    table({
      status_code: field(int, 'HTTP status (default 200).'),
      headers: field(map(str, 'Header name'), 'Response headers.'),
      body: field(str, 'Response body.'),
    }),
    'Answer with a fixed response instead of running a component.',
  ),
  executor: field(
    table({
      type: field({ type: 'string', values: ['http', 'spin', 'wagi'] }, 'How the component is run.'),
      argv: field(str, 'WAGI command line (default `${SCRIPT_NAME} ${ARGS}`).'),
      entrypoint: field(str, 'Deprecated WAGI entrypoint.'),
    }),
    'How the component is invoked (default: the Spin HTTP interface).',
  ),
});

const redisTriggerShape: TableShape = table({
  ...triggerCommon,
  channel: field(str, 'Redis channel to subscribe to; may use `{{ variable }}`.', true),
  address: field(
    str,
    'Redis server address (default: `application.trigger.redis.address`); may use `{{ variable }}`.',
  ),
});

const genericTriggerShape: TableShape = table(triggerCommon, true);

export const variableShape: TableShape = table({
  description: field(str, 'What the variable is for.'),
  required: field(bool, 'The value must be provided at run time (exclusive with `default`).'),
  default: field(str, 'Value used when none is provided (exclusive with `required`).'),
  secret: field(bool, 'Keep the value out of logs.'),
});

const applicationShape: TableShape = table({
  name: field(str, 'Application name.', true),
  version: field(str, 'Application version (semver, e.g. `1.0.0`).'),
  description: field(str, 'What the application does.'),
  authors: field(strings, 'Authors, e.g. `"Ada <ada@example.com>"`.'),
  targets,
  trigger: field(
    map(anything, 'Trigger type'),
    'Settings for all triggers of a type, e.g. `[application.trigger.redis] address = "redis://…"`.',
  ),
  tool: field(map(anything, 'Tool name'), 'Settings for third-party tools; ignored by Spin.'),
});

export const manifestV2Shape: TableShape = table({
  spin_manifest_version: field(anything, 'Manifest format version: `2`.'),
  application: field(applicationShape, 'Application name, version and global settings.', true),
  variables: field(map(variableShape, 'Application variable (lower_snake_case)'), 'Application variables.'),
  trigger: field(
    map({ type: 'array', items: genericTriggerShape }, 'Trigger type'),
    'Triggers: `[[trigger.http]]`, `[[trigger.redis]]`, … each naming its component.',
    true,
  ),
  component: field(map(componentShape, 'Component id (kebab-case)'), 'Components: `[component.<id>]`.'),
});

/** The shape of one trigger table for a trigger type. */
export function triggerShapeFor(type: string): TableShape {
  if (type === 'http') return httpTriggerShape;
  if (type === 'redis') return redisTriggerShape;
  return genericTriggerShape;
}

/** Known `[application.trigger.<type>]` settings. */
export const appTriggerSettingShapes: Readonly<Record<string, TableShape>> = {
  redis: table({
    address: field(str, 'Default Redis address for `[[trigger.redis]]`; may use `{{ variable }}`.'),
  }),
  http: table({ base: field(str, 'Deprecated: prefix routes directly.') }),
};

/** Trigger types offered by completion. */
export const KNOWN_TRIGGER_TYPES = ['http', 'redis', 'mqtt', 'sqs', 'cron', 'command'] as const;
