// The typed model of a spin.toml, read by the rules and the editor features, and (without
// positions, see appDefinition.ts) by the build/package pipeline. Version 1 manifests are mapped
// onto the same shape (see model.ts). Every value keeps the range of its value (`range`) and, where
// it has one, of its key (`keyRange`), so consumers can point at the exact place in the file.
// Absent keys are `undefined` (single values) or empty lists.
import type { Range } from '../types';
import type { SpinTomlParse } from './parse';
import type { TomlTableNode } from './tree';

/** A value read from the manifest, with where it was written. */
export interface Located<T> {
  readonly value: T;
  /** Range of the value. */
  readonly range: Range;
  /** Range of the key holding the value (absent for array items). */
  readonly keyRange?: Range;
}

/** `spin_manifest_version = 2` → 2, `"1"` (or v1 `spin_version = "1"`) → 1, anything else 'unknown'. */
export type ManifestVersion = 1 | 2 | 'unknown';

export interface VersionKey {
  readonly name: 'spin_manifest_version' | 'spin_version';
  readonly keyRange: Range;
  readonly range: Range;
  /** The value as written in TOML, e.g. `"0"` or `2`. */
  readonly raw: string;
}

export interface ApplicationModel {
  readonly name?: Located<string>;
  readonly version?: Located<string>;
  readonly description?: Located<string>;
  readonly authors: Located<string>[];
  /** Range of the `[application]` header (v2) or undefined (v1 keeps these keys at top level). */
  readonly range?: Range;
  /** Per-trigger-type global settings: `[application.trigger.<type>]` (v1: the `trigger` table). */
  readonly triggerSettings: ReadonlyMap<string, TomlTableNode>;
}

export interface VariableModel {
  readonly name: string;
  readonly nameRange: Range;
  /** Range of the variable's value (its table). */
  readonly range: Range;
  readonly required?: Located<boolean>;
  readonly default?: Located<string>;
  readonly secret?: Located<boolean>;
  readonly description?: Located<string>;
  readonly node?: TomlTableNode;
}

/** Where a component's Wasm comes from. */
export type ComponentSource =
  | { readonly kind: 'path'; readonly path: string; readonly range: Range }
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly digest?: Located<string>;
      readonly range: Range;
    }
  | {
      readonly kind: 'registry';
      readonly registry?: string;
      readonly package: string;
      readonly version: string;
      readonly range: Range;
    }
  | { readonly kind: 'invalid'; readonly range: Range };

/** One `files` entry: a path/glob string, or `{ source, destination }`. */
export type FileMount =
  | { readonly kind: 'pattern'; readonly pattern: string; readonly range: Range }
  | {
      readonly kind: 'mapping';
      readonly source?: Located<string>;
      readonly destination?: Located<string>;
      readonly range: Range;
    };

export interface BuildConfig {
  /** Commands run left to right (a single string becomes a one-element list). */
  readonly command: Located<string>[];
  /** Folder relative to the manifest to run the commands in. */
  readonly workdir?: Located<string>;
  readonly watch: Located<string>[];
  /** Range of the `build` key or header. */
  readonly range: Range;
}

/** How a dependency is satisfied. */
export type DependencySpec =
  | {
      readonly kind: 'package';
      readonly version: Located<string>;
      readonly registry?: Located<string>;
      readonly package?: Located<string>;
    }
  | { readonly kind: 'path'; readonly path: Located<string> }
  | { readonly kind: 'url'; readonly url: Located<string>; readonly digest?: Located<string> }
  | { readonly kind: 'component'; readonly component: Located<string> }
  | { readonly kind: 'invalid' };

export interface DependencyModel {
  /** The key: a kebab-case name or a package form `ns:pkg[/iface][@version]`. */
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
  readonly spec: DependencySpec;
  readonly export?: Located<string>;
  readonly inheritConfiguration?: Located<boolean | string[]>;
}

export interface ComponentModel {
  readonly id: string;
  /** Range of the id: the `[component.<id>]` key (v2) or the `id = "..."` value (v1). */
  readonly idRange: Range;
  /** Range of the component's table header (or inline table). */
  readonly range: Range;
  /** Declared inline in a trigger's `component = { ... }` (the id is the normalized one). */
  readonly inline: boolean;
  readonly node: TomlTableNode;
  readonly source?: ComponentSource;
  readonly description?: Located<string>;
  readonly files: FileMount[];
  readonly excludeFiles: Located<string>[];
  readonly allowedOutboundHosts: Located<string>[];
  /** Deprecated predecessor of allowedOutboundHosts. */
  readonly allowedHttpHosts: Located<string>[];
  readonly keyValueStores: Located<string>[];
  readonly sqliteDatabases: Located<string>[];
  readonly aiModels: Located<string>[];
  readonly environment: ReadonlyMap<string, Located<string>>;
  /** Component variables (v1: `config`), values may hold `{{ app_var }}` templates. */
  readonly variables: ReadonlyMap<string, Located<string>>;
  readonly build?: BuildConfig;
  readonly dependencies: DependencyModel[];
  readonly dependenciesInheritConfiguration?: Located<boolean>;
}

/** How a trigger names its handler. */
export type TriggerComponentRef =
  | { readonly kind: 'ref'; readonly id: string; readonly range: Range }
  | { readonly kind: 'inline'; readonly componentId: string; readonly range: Range };

export interface TriggerModel {
  readonly type: string;
  /** Position among the triggers of its type. */
  readonly index: number;
  readonly id?: Located<string>;
  /** The id Spin gives the trigger after normalization (explicit id, `<component>-<type>-trigger`…). */
  readonly effectiveId: string;
  /** Range of the `[[trigger.<type>]]` header (v1: the component's `trigger` key). */
  readonly range: Range;
  readonly component?: TriggerComponentRef;
  /** The component specs of `components`, by key (specs that are neither an id nor a table are left out). */
  readonly components: ReadonlyMap<string, readonly TriggerComponentRef[]>;
  /** The trigger's table (route, channel, executor, … live here). */
  readonly node: TomlTableNode;
}

export interface SpinManifestModel {
  readonly version: ManifestVersion;
  readonly versionKey?: VersionKey;
  /** Which layout the file was read with: its version, or a guess from its keys when unknown. */
  readonly layout: 1 | 2;
  readonly application: ApplicationModel;
  readonly variables: VariableModel[];
  readonly variablesByName: ReadonlyMap<string, VariableModel>;
  /** Triggers in source order. */
  readonly triggers: TriggerModel[];
  readonly triggersByType: ReadonlyMap<string, TriggerModel[]>;
  /** Components in source order (inline trigger components included, flagged `inline`). */
  readonly components: ComponentModel[];
  /** By id; with duplicate ids (v1) the later one wins, as in Spin. */
  readonly componentsById: ReadonlyMap<string, ComponentModel>;
  /** The positioned document tree; undefined on a syntax error. */
  readonly root?: TomlTableNode;
  readonly parse: SpinTomlParse;
}
