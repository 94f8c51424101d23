// buildModel: the typed SpinManifestModel (see modelTypes.ts) from one parse. Version 2 reads
// `[application]`, `[variables]`, `[[trigger.<type>]]` and `[component.<id>]`; version 1 maps
// top-level `name`/`version`/…, `trigger = { type = … }` and `[[component]]` (with `id`, `config`
// and a `[component.trigger]` table) onto the same model, one trigger per component, as Spin's
// v1→v2 conversion does.
import { readComponent } from './componentModel';
import type {
  ApplicationModel,
  ComponentModel,
  ManifestVersion,
  SpinManifestModel,
  TriggerModel,
  VariableModel,
  VersionKey,
} from './modelTypes';
import type { SpinTomlParse } from './parse';
import { booleanAt, child, stringAt, stringsAt, tableAt, tableItems } from './read';
import { unchangedNode } from './reuse';
import type { TomlTableNode } from './tree';
import { readTriggersV2 } from './triggerModel';

export type * from './modelTypes';

const EMPTY_APPLICATION: ApplicationModel = { authors: [], triggerSettings: new Map() };

/**
 * The model of one parse. Given the model of the document's previous version, components and
 * triggers whose tables did not change are the previous version's objects (reuse.ts).
 */
export function buildModel(parse: SpinTomlParse, previous?: SpinManifestModel): SpinManifestModel {
  const root = parse.root;
  if (!root) return emptyModel(parse, 'unknown');
  const { version, versionKey } = detectVersion(root);
  const layout = version === 'unknown' ? guessLayout(root) : version;
  const parts = layout === 1 ? readV1(root) : readV2(root, previous?.layout === 2 ? previous : undefined);
  const componentsById = new Map(parts.components.map((c) => [c.id, c]));
  const triggersByType = new Map<string, TriggerModel[]>();
  for (const t of parts.triggers) {
    const list = triggersByType.get(t.type);
    if (list) list.push(t);
    else triggersByType.set(t.type, [t]);
  }
  const variables = readVariables(tableAt(root, 'variables'));
  return {
    version,
    ...(versionKey ? { versionKey } : {}),
    layout,
    application: parts.application,
    variables,
    variablesByName: new Map(variables.map((v) => [v.name, v])),
    triggers: parts.triggers,
    triggersByType,
    components: parts.components,
    componentsById,
    root,
    parse,
  };
}

function emptyModel(parse: SpinTomlParse, version: ManifestVersion): SpinManifestModel {
  return {
    version,
    layout: 2,
    application: EMPTY_APPLICATION,
    variables: [],
    variablesByName: new Map(),
    triggers: [],
    triggersByType: new Map(),
    components: [],
    componentsById: new Map(),
    parse,
  };
}

function detectVersion(root: TomlTableNode): { version: ManifestVersion; versionKey?: VersionKey } {
  for (const name of ['spin_manifest_version', 'spin_version'] as const) {
    const node = child(root, name);
    if (!node || node.kind === 'table' || node.kind === 'array') continue;
    const versionKey: VersionKey = {
      name,
      keyRange: node.keyRange ?? node.range,
      range: node.range,
      raw: node.raw,
    };
    if (node.kind === 'string' && node.value === '1') return { version: 1, versionKey };
    if (node.kind === 'integer' && node.value === 2 && name === 'spin_manifest_version') {
      return { version: 2, versionKey };
    }
    return { version: 'unknown', versionKey };
  }
  return { version: 'unknown' };
}

/** A file without a valid version: v1 if it has v1-only keys (`[[component]]`, top-level `name`). */
function guessLayout(root: TomlTableNode): 1 | 2 {
  if (child(root, 'component')?.kind === 'array') return 1;
  if (child(root, 'name') || child(root, 'spin_version')) return 1;
  const version = child(root, 'spin_manifest_version');
  if (version && version.kind !== 'table' && version.kind !== 'array' && String(version.value) === '1') {
    return 1;
  }
  return 2;
}

interface ManifestParts {
  application: ApplicationModel;
  triggers: TriggerModel[];
  components: ComponentModel[];
}

function readApplicationDetails(table: TomlTableNode | undefined): Omit<ApplicationModel, 'triggerSettings'> {
  const name = stringAt(table, 'name');
  const version = stringAt(table, 'version');
  const description = stringAt(table, 'description');
  return {
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
    ...(description ? { description } : {}),
    authors: stringsAt(table, 'authors'),
  };
}

function tablesOf(table: TomlTableNode | undefined): Map<string, TomlTableNode> {
  const out = new Map<string, TomlTableNode>();
  for (const [k, v] of table?.entries ?? []) if (v.kind === 'table') out.set(k, v);
  return out;
}

function readV2(root: TomlTableNode, previous: SpinManifestModel | undefined): ManifestParts {
  const app = tableAt(root, 'application');
  const application: ApplicationModel = {
    ...readApplicationDetails(app),
    ...(app ? { range: app.keyRange ?? app.range } : {}),
    triggerSettings: tablesOf(tableAt(app, 'trigger')),
  };
  const components: ComponentModel[] = [];
  for (const [id, node] of tablesOf(tableAt(root, 'component'))) {
    const before = previous?.componentsById.get(id);
    components.push(
      before && !before.inline && unchangedNode(before.node, node)
        ? before
        : readComponent(id, node.keyRange ?? node.range, node, { inline: false, variablesKey: 'variables' }),
    );
  }
  const triggers = readTriggersV2(root, components, previous);
  return { application, triggers, components };
}

function readV1(root: TomlTableNode): ManifestParts {
  const appTrigger = tableAt(root, 'trigger');
  const type = stringAt(appTrigger, 'type')?.value ?? 'http';
  const settings = new Map<string, TomlTableNode>();
  if (appTrigger) settings.set(type, appTrigger);
  const application: ApplicationModel = { ...readApplicationDetails(root), triggerSettings: settings };
  const components: ComponentModel[] = [];
  const triggers: TriggerModel[] = [];
  tableItems(child(root, 'component')).forEach((table, index) => {
    const id = stringAt(table, 'id');
    const componentId = id?.value ?? `component${index + 1}`;
    const idRange = id?.range ?? table.range;
    components.push(readComponent(componentId, idRange, table, { inline: false, variablesKey: 'config' }));
    const trigger = tableAt(table, 'trigger');
    triggers.push({
      type,
      index,
      effectiveId: `trigger-${componentId}`,
      range: trigger?.keyRange ?? table.range,
      component: { kind: 'ref', id: componentId, range: idRange },
      components: new Map(),
      node: trigger ?? { kind: 'table', entries: new Map(), inline: false, range: table.range },
    });
  });
  return { application, triggers, components };
}

function readVariables(table: TomlTableNode | undefined): VariableModel[] {
  const out: VariableModel[] = [];
  for (const [name, node] of table?.entries ?? []) {
    const nameRange = node.keyRange ?? node.range;
    if (node.kind !== 'table') {
      out.push({ name, nameRange, range: node.range });
      continue;
    }
    const required = booleanAt(node, 'required');
    const def = stringAt(node, 'default');
    const secret = booleanAt(node, 'secret');
    const description = stringAt(node, 'description');
    out.push({
      name,
      nameRange,
      range: node.range,
      ...(required ? { required } : {}),
      ...(def ? { default: def } : {}),
      ...(secret ? { secret } : {}),
      ...(description ? { description } : {}),
      node,
    });
  }
  return out;
}
