// The app a spin.toml defines, as plain data: the model (model.ts) without positions, in the shape
// Spin loads before it locks an app. The pipeline (build order, packaging, lock file, scaffold)
// and the local run read this; the editor reads the positioned model it comes from. A version 1
// manifest is first converted to version 2 by the one v1 → v2 mapping (migrateV1.ts).
import { migrateV1ToV2 } from './migrateV1';
import { buildModel } from './model';
import type { ComponentModel, DependencyModel, SpinManifestModel, TriggerModel } from './modelTypes';
import { convertHttpHosts } from './outboundHosts';
import { parseSpinToml } from './parse';
import { isTable, plainOf, type PlainTable, type PlainValue } from './plainValue';
import { child, tableAt } from './read';
import type { TomlNode } from './tree';

export type AppSource =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'remote'; readonly url: string; readonly digest: string }
  | { readonly kind: 'registry'; readonly package: string; readonly version: string };

export type AppFileMount = string | { readonly source: string; readonly destination: string };

export type AppDependency =
  | { readonly kind: 'path'; readonly path: string; readonly export?: string }
  | { readonly kind: 'component'; readonly component: string; readonly export?: string }
  | { readonly kind: 'other'; readonly description: string };

export interface AppBuild {
  /** Commands run left to right. */
  readonly commands: readonly string[];
  readonly workdir?: string;
  /** The `build` table as written (for the lock file's component metadata). */
  readonly raw: PlainTable;
}

export interface AppComponent {
  readonly id: string;
  readonly source: AppSource;
  readonly description?: string;
  readonly build?: AppBuild;
  readonly files: readonly AppFileMount[];
  readonly excludeFiles: readonly string[];
  /** `allowed_outbound_hosts`, then the legacy `allowed_http_hosts` converted. */
  readonly allowedOutboundHosts: readonly string[];
  readonly keyValueStores: readonly string[];
  readonly sqliteDatabases: readonly string[];
  readonly aiModels: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly dependencies: ReadonlyMap<string, AppDependency>;
  readonly dependenciesInheritConfiguration: boolean;
}

export interface AppVariable {
  readonly description?: string;
  readonly default?: string;
  readonly required: boolean;
  readonly secret: boolean;
}

export interface AppTrigger {
  /** The trigger's id after Spin's normalization. */
  readonly id: string;
  readonly type: string;
  /** The trigger table with `component`/`components` reduced to component ids. */
  readonly config: PlainTable;
}

export interface AppDefinition {
  readonly manifestVersion: 1 | 2;
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly authors: readonly string[];
  /** Global trigger options by trigger type (`[application.trigger.<type>]`, v1 `trigger`). */
  readonly triggerGlobalConfigs: Readonly<Record<string, PlainTable>>;
  readonly variables: ReadonlyMap<string, AppVariable>;
  readonly triggers: readonly AppTrigger[];
  /** In manifest order (inline trigger components are appended, as Spin hoists them). */
  readonly components: readonly AppComponent[];
}

/** The app of a parsed spin.toml (undefined when the text is not valid TOML). */
export function appDefinition(model: SpinManifestModel): AppDefinition | undefined {
  if (!model.root) return undefined;
  if (model.layout === 1) {
    const v2 = migrateV1ToV2(model);
    const converted = v2 === undefined ? undefined : appDefinition(buildModel(parseSpinToml(v2)));
    return converted && { ...converted, manifestVersion: 1 };
  }
  const app = model.application;
  return {
    manifestVersion: 2,
    name: app.name?.value ?? '',
    version: app.version?.value,
    description: app.description?.value,
    authors: app.authors.map((a) => a.value),
    triggerGlobalConfigs: Object.fromEntries(
      [...app.triggerSettings].map(([type, node]) => [type, plainOf(node) as PlainTable]),
    ),
    variables: appVariables(model),
    triggers: model.triggers.map(appTrigger),
    components: model.components.map(appComponent),
  };
}

function appVariables(model: SpinManifestModel): Map<string, AppVariable> {
  const variables = new Map<string, AppVariable>();
  for (const v of model.variables) {
    if (!v.node) continue;
    variables.set(v.name, {
      description: v.description?.value,
      default: v.default?.value,
      required: v.required?.value === true,
      secret: v.secret?.value === true,
    });
  }
  return variables;
}

function appTrigger(trigger: TriggerModel): AppTrigger {
  const { id: _id, component, components, ...rest } = plainOf(trigger.node) as PlainTable;
  const config: PlainTable = { ...rest };
  if (component !== undefined) {
    const ref = trigger.component;
    config['component'] = ref ? (ref.kind === 'ref' ? ref.id : ref.componentId) : component;
  }
  const specsNode = tableAt(trigger.node, 'components');
  if (specsNode && isTable(components)) {
    const flattened: PlainTable = {};
    for (const [key, node] of specsNode.entries) {
      const inlineIds = (trigger.components.get(key) ?? []).flatMap((r) =>
        r.kind === 'inline' ? [r.componentId] : [],
      );
      let next = 0;
      const specOf = (spec: TomlNode): PlainValue =>
        spec.kind === 'table' ? (inlineIds[next++] ?? '') : plainOf(spec);
      flattened[key] = (node.kind === 'array' ? node.items : [node]).map(specOf);
    }
    config['components'] = flattened;
  }
  return { id: trigger.effectiveId, type: trigger.type, config };
}

const values = (list: readonly { readonly value: string }[]): string[] => list.map((l) => l.value);
const valueRecord = (map: ReadonlyMap<string, { readonly value: string }>): Record<string, string> =>
  Object.fromEntries([...map].map(([key, located]) => [key, located.value]));

function appComponent(c: ComponentModel): AppComponent {
  const buildNode = tableAt(c.node, 'build');
  return {
    id: c.id,
    source: appSource(c),
    description: c.description?.value,
    build:
      c.build && buildNode
        ? {
            commands: values(c.build.command),
            workdir: c.build.workdir?.value,
            raw: plainOf(buildNode) as PlainTable,
          }
        : undefined,
    files: c.files.flatMap((f): AppFileMount[] => {
      if (f.kind === 'pattern') return [f.pattern];
      return f.source && f.destination ? [{ source: f.source.value, destination: f.destination.value }] : [];
    }),
    excludeFiles: values(c.excludeFiles),
    allowedOutboundHosts: [
      ...values(c.allowedOutboundHosts),
      ...convertHttpHosts(values(c.allowedHttpHosts)),
    ],
    keyValueStores: values(c.keyValueStores),
    sqliteDatabases: values(c.sqliteDatabases),
    aiModels: values(c.aiModels),
    environment: valueRecord(c.environment),
    variables: valueRecord(c.variables),
    dependencies: new Map(c.dependencies.map((d) => [d.name, appDependency(d, c)])),
    dependenciesInheritConfiguration: c.dependenciesInheritConfiguration?.value === true,
  };
}

function appSource(c: ComponentModel): AppSource {
  switch (c.source?.kind) {
    case 'path':
      return { kind: 'local', path: c.source.path };
    case 'url':
      return { kind: 'remote', url: c.source.url, digest: c.source.digest?.value ?? '' };
    case 'registry':
      return { kind: 'registry', package: c.source.package, version: c.source.version };
    default:
      return { kind: 'local', path: '' };
  }
}

function appDependency(d: DependencyModel, c: ComponentModel): AppDependency {
  const exported = d.export?.value;
  if (d.spec.kind === 'path') return { kind: 'path', path: d.spec.path.value, export: exported };
  if (d.spec.kind === 'component') {
    return { kind: 'component', component: d.spec.component.value, export: exported };
  }
  const node = child(tableAt(c.node, 'dependencies'), d.name);
  const written = node ? plainOf(node) : '';
  return { kind: 'other', description: typeof written === 'string' ? written : JSON.stringify(written) };
}
