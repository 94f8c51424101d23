// Version 1 spin.toml (SPEC §1a.15): top-level app details, one `trigger = { type = … }`, and a
// `[[component]]` array whose items carry `id`, `config` and a `[component.trigger]` table.
import { variableShape, commonComponentFields } from './schemaV2';
import { anything, deprecatedField, field, map, str, strings, table, type TableShape } from './schemaTypes';

const componentV1Shape: TableShape = table({
  id: field(str, 'Component id.', true),
  ...commonComponentFields,
  trigger: field(table({}, true), 'Trigger settings of this component (e.g. `route` for HTTP).'),
  config: field(map(str, 'Config key'), 'Component configuration (version 2: `variables`).'),
});

export const manifestV1Shape: TableShape = table({
  spin_manifest_version: field(anything, 'Manifest format version: `"1"`.'),
  spin_version: deprecatedField(anything, 'Deprecated: old name of `spin_manifest_version`.'),
  name: field(str, 'Application name.', true),
  version: field(str, 'Application version.'),
  description: field(str, 'What the application does.'),
  authors: field(strings, 'Authors.'),
  trigger: {
    shape: table({ type: field(str, 'Trigger type of every component, e.g. `http`.', true) }, true),
    required: true,
    missingMessage: 'missing top-level trigger config (missing field `trigger`)',
    doc: 'The trigger type and its global settings, e.g. `{ type = "http", base = "/" }`.',
  },
  variables: field(map(variableShape, 'Application variable'), 'Application variables.'),
  component: field(
    { type: 'array', items: componentV1Shape },
    'Components, each `[[component]]` with an `id`.',
  ),
});
