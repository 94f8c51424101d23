// The parts of a spin.toml the pipeline needs (build commands, sources, files, dependencies,
// triggers, variables), for manifest versions 1 and 2. The text is read with the language
// service's parser; this adapter only interprets the plain data it returns.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseSpinToml } from '../language/spinToml/parse';
import { PipelineError } from './events';
import { normalizeTriggers, type AppTrigger, type RawTrigger } from './appTriggers';

export type PlainValue = string | number | boolean | Date | PlainValue[] | PlainTable;
export interface PlainTable {
  [key: string]: PlainValue;
}

export type ComponentSource =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'remote'; readonly url: string; readonly digest: string }
  | { readonly kind: 'registry'; readonly package: string; readonly version: string };

export type FileMount = string | { readonly source: string; readonly destination: string };

export type AppDependency =
  | { readonly kind: 'path'; readonly path: string; readonly export?: string }
  | { readonly kind: 'component'; readonly component: string; readonly export?: string }
  | { readonly kind: 'other'; readonly description: string };

export interface BuildConfig {
  /** Commands run left to right. */
  readonly commands: readonly string[];
  readonly workdir?: string;
  /** The `build` table as written (for the lock file's component metadata). */
  readonly raw: PlainTable;
}

export interface AppComponent {
  readonly id: string;
  readonly source: ComponentSource;
  readonly description?: string;
  readonly build?: BuildConfig;
  readonly files: readonly FileMount[];
  readonly excludeFiles: readonly string[];
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

export interface AppManifest {
  readonly manifestPath: string;
  /** The folder of spin.toml: relative paths are resolved against it. */
  readonly root: string;
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

export function isTable(value: PlainValue | undefined): value is PlainTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const str = (v: PlainValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: PlainValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const stringTable = (v: PlainValue | undefined): Record<string, string> =>
  isTable(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/** Reads and interprets spin.toml; a missing file or invalid TOML is a `manifest` PipelineError. */
export async function loadAppManifest(manifestPath: string): Promise<AppManifest> {
  const absolute = path.resolve(manifestPath);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new PipelineError('manifest', `Cannot read ${absolute}: ${(error as Error).message}`);
  }
  return appManifestFromText(text, absolute);
}

export function appManifestFromText(text: string, manifestPath: string): AppManifest {
  const parsed = parseSpinToml(text);
  const doc = parsed.value as PlainTable | undefined;
  if (!doc) {
    const first = parsed.syntaxErrors[0];
    const where = first ? ` (line ${first.range.start.line + 1})` : '';
    throw new PipelineError('manifest', `${manifestPath}${where}: ${first?.message ?? 'invalid TOML'}`);
  }
  const isV1 = doc['spin_manifest_version'] === '1' || doc['spin_version'] === '1';
  return isV1 ? fromV1(doc, manifestPath) : fromV2(doc, manifestPath);
}

function fromV2(doc: PlainTable, manifestPath: string): AppManifest {
  const app = isTable(doc['application']) ? doc['application'] : {};
  const globals = isTable(app['trigger']) ? app['trigger'] : {};
  const rawTriggers: RawTrigger[] = [];
  const triggerTable = isTable(doc['trigger']) ? doc['trigger'] : {};
  for (const [type, list] of Object.entries(triggerTable)) {
    for (const t of Array.isArray(list) ? list : []) if (isTable(t)) rawTriggers.push({ type, table: t });
  }
  const components: AppComponent[] = [];
  const componentTable = isTable(doc['component']) ? doc['component'] : {};
  for (const [id, c] of Object.entries(componentTable)) if (isTable(c)) components.push(componentFrom(id, c));
  const { triggers, inlineComponents } = normalizeTriggers(rawTriggers, new Set(components.map((c) => c.id)));
  for (const inline of inlineComponents) components.push(componentFrom(inline.id, inline.table));
  return {
    manifestPath,
    root: path.dirname(manifestPath),
    manifestVersion: 2,
    name: str(app['name']) ?? '',
    version: str(app['version']),
    description: str(app['description']),
    authors: strings(app['authors']),
    triggerGlobalConfigs: Object.fromEntries(
      Object.entries(globals).filter((e): e is [string, PlainTable] => isTable(e[1])),
    ),
    variables: variablesFrom(doc['variables']),
    triggers,
    components,
  };
}

/** v1 components implicitly had access to these (Spin's v1 → v2 conversion). */
const V1_DEFAULT_OUTBOUND_HOSTS = ['redis://*:*', 'mysql://*:*', 'postgres://*:*'];

function fromV1(doc: PlainTable, manifestPath: string): AppManifest {
  const trigger = isTable(doc['trigger']) ? doc['trigger'] : {};
  const triggerType = str(trigger['type']) ?? 'http';
  const { type: _type, ...globalOptions } = trigger;
  const components: AppComponent[] = [];
  const triggers: AppTrigger[] = [];
  for (const c of Array.isArray(doc['component']) ? doc['component'] : []) {
    if (!isTable(c)) continue;
    const id = str(c['id']) ?? '';
    const v2Like: PlainTable = { ...c };
    if (isTable(c['config'])) v2Like['variables'] = c['config'];
    const component = componentFrom(id, v2Like);
    const explicitHosts = c['allowed_outbound_hosts'] !== undefined || c['allowed_http_hosts'] !== undefined;
    components.push(
      explicitHosts ? component : { ...component, allowedOutboundHosts: V1_DEFAULT_OUTBOUND_HOSTS },
    );
    const config = isTable(c['trigger']) ? c['trigger'] : {};
    triggers.push({ id: `trigger-${id}`, type: triggerType, config: { ...config, component: id } });
  }
  return {
    manifestPath,
    root: path.dirname(manifestPath),
    manifestVersion: 1,
    name: str(doc['name']) ?? '',
    version: str(doc['version']),
    description: str(doc['description']),
    authors: strings(doc['authors']),
    triggerGlobalConfigs: { [triggerType]: globalOptions },
    variables: variablesFrom(doc['variables']),
    triggers,
    components,
  };
}

function variablesFrom(value: PlainValue | undefined): Map<string, AppVariable> {
  const result = new Map<string, AppVariable>();
  if (!isTable(value)) return result;
  for (const [name, v] of Object.entries(value)) {
    if (!isTable(v)) continue;
    result.set(name, {
      description: str(v['description']),
      default: str(v['default']),
      required: v['required'] === true,
      secret: v['secret'] === true,
    });
  }
  return result;
}

function componentFrom(id: string, c: PlainTable): AppComponent {
  return {
    id,
    source: sourceFrom(c['source']),
    description: str(c['description']),
    build: buildFrom(c['build']),
    files: filesFrom(c['files']),
    excludeFiles: strings(c['exclude_files']),
    allowedOutboundHosts: [
      ...strings(c['allowed_outbound_hosts']),
      ...strings(c['allowed_http_hosts']).flatMap(convertHttpHost),
    ],
    keyValueStores: strings(c['key_value_stores']),
    sqliteDatabases: strings(c['sqlite_databases']),
    aiModels: strings(c['ai_models']),
    environment: stringTable(c['environment']),
    variables: stringTable(c['variables']),
    dependencies: dependenciesFrom(c['dependencies']),
    dependenciesInheritConfiguration: c['dependencies_inherit_configuration'] === true,
  };
}

/** The deprecated `allowed_http_hosts` entries as `allowed_outbound_hosts` entries. */
function convertHttpHost(host: string): string[] {
  if (host === 'insecure:allow-all') return ['*://*:*'];
  if (/^https?:\/\//.test(host)) return [host];
  return [`https://${host}`, `http://${host}`];
}

function sourceFrom(value: PlainValue | undefined): ComponentSource {
  if (typeof value === 'string') return { kind: 'local', path: value };
  if (isTable(value) && typeof value['url'] === 'string') {
    return { kind: 'remote', url: value['url'], digest: str(value['digest']) ?? '' };
  }
  if (isTable(value) && typeof value['package'] === 'string') {
    return { kind: 'registry', package: value['package'], version: str(value['version']) ?? '' };
  }
  return { kind: 'local', path: '' };
}

function buildFrom(value: PlainValue | undefined): BuildConfig | undefined {
  if (!isTable(value)) return undefined;
  const command = value['command'];
  const commands = typeof command === 'string' ? [command] : strings(command);
  return { commands, workdir: str(value['workdir']), raw: value };
}

function filesFrom(value: PlainValue | undefined): FileMount[] {
  if (!Array.isArray(value)) return [];
  const mounts: FileMount[] = [];
  for (const f of value) {
    if (typeof f === 'string') mounts.push(f);
    else if (isTable(f) && typeof f['source'] === 'string' && typeof f['destination'] === 'string') {
      mounts.push({ source: f['source'], destination: f['destination'] });
    }
  }
  return mounts;
}

function dependenciesFrom(value: PlainValue | undefined): Map<string, AppDependency> {
  const result = new Map<string, AppDependency>();
  if (!isTable(value)) return result;
  for (const [name, d] of Object.entries(value)) {
    const exportName = isTable(d) ? str(d['export']) : undefined;
    if (isTable(d) && typeof d['path'] === 'string') {
      result.set(name, { kind: 'path', path: d['path'], export: exportName });
    } else if (isTable(d) && typeof d['component'] === 'string') {
      result.set(name, { kind: 'component', component: d['component'], export: exportName });
    } else {
      result.set(name, { kind: 'other', description: typeof d === 'string' ? d : JSON.stringify(d) });
    }
  }
  return result;
}
