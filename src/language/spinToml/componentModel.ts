// Reads one component table (v2 `[component.<id>]`, an inline trigger component, or a v1
// `[[component]]`) into a ComponentModel.
import type { Range } from '../types';
import type {
  BuildConfig,
  ComponentModel,
  ComponentSource,
  DependencyModel,
  DependencySpec,
  FileMount,
  Located,
} from './modelTypes';
import {
  booleanAt,
  child,
  stringAt,
  stringMapAt,
  stringOf,
  stringOrStringsAt,
  stringsAt,
  tableAt,
} from './read';
import type { TomlNode, TomlTableNode } from './tree';

export function readComponent(
  id: string,
  idRange: Range,
  node: TomlTableNode,
  options: { inline: boolean; variablesKey: 'variables' | 'config' },
): ComponentModel {
  const build = readBuild(node);
  const source = readSource(child(node, 'source'));
  const description = stringAt(node, 'description');
  const dependenciesInheritConfiguration = booleanAt(node, 'dependencies_inherit_configuration');
  return {
    id,
    idRange,
    range: node.range,
    inline: options.inline,
    node,
    ...(source ? { source } : {}),
    ...(description ? { description } : {}),
    files: readFiles(child(node, 'files')),
    excludeFiles: stringsAt(node, 'exclude_files'),
    allowedOutboundHosts: stringsAt(node, 'allowed_outbound_hosts'),
    allowedHttpHosts: stringsAt(node, 'allowed_http_hosts'),
    keyValueStores: stringsAt(node, 'key_value_stores'),
    sqliteDatabases: stringsAt(node, 'sqlite_databases'),
    aiModels: stringsAt(node, 'ai_models'),
    environment: stringMapAt(node, 'environment'),
    variables: stringMapAt(node, options.variablesKey),
    ...(build ? { build } : {}),
    dependencies: readDependencies(tableAt(node, 'dependencies')),
    ...(dependenciesInheritConfiguration ? { dependenciesInheritConfiguration } : {}),
  };
}

function readSource(node: TomlNode | undefined): ComponentSource | undefined {
  if (!node) return undefined;
  if (node.kind === 'string') return { kind: 'path', path: node.value as string, range: node.range };
  if (node.kind !== 'table') return { kind: 'invalid', range: node.range };
  const url = stringAt(node, 'url');
  if (url) {
    const digest = stringAt(node, 'digest');
    return { kind: 'url', url: url.value, ...(digest ? { digest } : {}), range: node.range };
  }
  const pkg = stringAt(node, 'package');
  const version = stringAt(node, 'version');
  if (pkg && version) {
    const registry = stringAt(node, 'registry');
    return {
      kind: 'registry',
      package: pkg.value,
      version: version.value,
      ...(registry ? { registry: registry.value } : {}),
      range: node.range,
    };
  }
  return { kind: 'invalid', range: node.range };
}

function readFiles(node: TomlNode | undefined): FileMount[] {
  if (node?.kind !== 'array') return [];
  const out: FileMount[] = [];
  for (const item of node.items) {
    if (item.kind === 'string') {
      out.push({ kind: 'pattern', pattern: item.value as string, range: item.range });
    } else if (item.kind === 'table') {
      const source = stringAt(item, 'source');
      const destination = stringAt(item, 'destination');
      out.push({
        kind: 'mapping',
        ...(source ? { source } : {}),
        ...(destination ? { destination } : {}),
        range: item.range,
      });
    }
  }
  return out;
}

function readBuild(component: TomlTableNode): BuildConfig | undefined {
  const node = tableAt(component, 'build');
  if (!node) return undefined;
  const workdir = stringAt(node, 'workdir');
  return {
    command: stringOrStringsAt(node, 'command'),
    ...(workdir ? { workdir } : {}),
    watch: stringsAt(node, 'watch'),
    range: node.keyRange ?? node.range,
  };
}

function readDependencies(table: TomlTableNode | undefined): DependencyModel[] {
  if (!table) return [];
  const out: DependencyModel[] = [];
  for (const [name, node] of table.entries) {
    const nameRange = node.keyRange ?? node.range;
    const base = { name, nameRange, range: node.range };
    const requirement = stringOf(node);
    if (requirement) {
      out.push({ ...base, spec: { kind: 'package', version: requirement } });
      continue;
    }
    if (node.kind !== 'table') {
      out.push({ ...base, spec: { kind: 'invalid' } });
      continue;
    }
    const exported = stringAt(node, 'export');
    const inheritConfiguration = readInherit(child(node, 'inherit_configuration'));
    out.push({
      ...base,
      spec: readDependencySpec(node),
      ...(exported ? { export: exported } : {}),
      ...(inheritConfiguration ? { inheritConfiguration } : {}),
    });
  }
  return out;
}

function readDependencySpec(node: TomlTableNode): DependencySpec {
  const component = stringAt(node, 'component');
  if (component) return { kind: 'component', component };
  const path = stringAt(node, 'path');
  if (path) return { kind: 'path', path };
  const url = stringAt(node, 'url');
  if (url) {
    const digest = stringAt(node, 'digest');
    return { kind: 'url', url, ...(digest ? { digest } : {}) };
  }
  const version = stringAt(node, 'version');
  if (version) {
    const registry = stringAt(node, 'registry');
    const pkg = stringAt(node, 'package');
    return { kind: 'package', version, ...(registry ? { registry } : {}), ...(pkg ? { package: pkg } : {}) };
  }
  return { kind: 'invalid' };
}

function readInherit(node: TomlNode | undefined): Located<boolean | string[]> | undefined {
  if (!node) return undefined;
  const where = node.keyRange ? { range: node.range, keyRange: node.keyRange } : { range: node.range };
  if (node.kind === 'boolean') return { value: node.value as boolean, ...where };
  if (node.kind === 'array') {
    const keys = node.items.flatMap((i) => (i.kind === 'string' ? [i.value as string] : []));
    return { value: keys, ...where };
  }
  return undefined;
}
