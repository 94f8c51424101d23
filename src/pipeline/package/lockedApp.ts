// The locked app (Spin's `spin.lock` JSON) as `spin registry push` publishes it: sources and files
// replaced by content references ({inline?, digest}), `origin` removed. Structs keep Spin's field
// order; maps (metadata, trigger config, env, …) are sorted by key as serde_json writes them.
import type { AppComponent, AppManifest, PlainTable, PlainValue } from '../appManifest';

export interface ContentRef {
  readonly digest: string;
  readonly inline?: Buffer;
}

export interface LockedInputs {
  readonly sources: ReadonlyMap<string, ContentRef>;
  readonly files: ReadonlyMap<string, readonly (ContentRef & { readonly path: string })[]>;
  /** component id → dependency name → content */
  readonly dependencies: ReadonlyMap<string, ReadonlyMap<string, ContentRef>>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function lockedAppJson(manifest: AppManifest, inputs: LockedInputs): Json {
  const components = manifest.components.map((c) => lockedComponent(c, inputs));
  const anyComponentHostRequirements = manifest.components.some(requiresServiceChaining);
  const locked: { [key: string]: Json } = {
    spin_lock_version: anyComponentHostRequirements ? 1 : 0,
  };
  if (anyComponentHostRequirements) locked['must_understand'] = ['component_host_requirements'];
  locked['metadata'] = sortedMap(lockedMetadata(manifest));
  if (manifest.variables.size > 0) {
    const variables: { [key: string]: Json } = {};
    for (const [name, v] of manifest.variables) {
      const variable: { [key: string]: Json } = {};
      if (v.description !== undefined) variable['description'] = v.description;
      if (v.default !== undefined) variable['default'] = v.default;
      if (v.secret) variable['secret'] = true;
      variables[name] = variable;
    }
    locked['variables'] = sortedMap(variables);
  }
  locked['triggers'] = manifest.triggers.map((t) => ({
    id: t.id,
    trigger_type: t.type,
    trigger_config: toJson(t.config),
  }));
  locked['components'] = components;
  return locked;
}

function lockedMetadata(manifest: AppManifest): { [key: string]: Json } {
  const metadata: { [key: string]: Json } = { name: manifest.name };
  if (manifest.version !== undefined) metadata['version'] = manifest.version;
  if (manifest.description !== undefined) metadata['description'] = manifest.description;
  if (manifest.authors.length > 0) metadata['authors'] = [...manifest.authors];
  metadata['triggers'] = toJson(manifest.triggerGlobalConfigs as PlainTable);
  const types = [...new Set(manifest.triggers.map((t) => t.type))];
  const single = types.length === 1 ? types[0] : undefined;
  if (single !== undefined) {
    metadata['trigger'] = sortedMap({
      ...(toJson(manifest.triggerGlobalConfigs[single] ?? {}) as { [key: string]: Json }),
      type: single,
    });
  }
  return metadata;
}

function lockedComponent(c: AppComponent, inputs: LockedInputs): Json {
  const metadata: { [key: string]: Json } = {};
  if (c.description !== undefined) metadata['description'] = c.description;
  if (c.allowedOutboundHosts.length > 0) metadata['allowed_outbound_hosts'] = [...c.allowedOutboundHosts];
  if (c.keyValueStores.length > 0) metadata['key_value_stores'] = [...c.keyValueStores];
  if (c.sqliteDatabases.length > 0) metadata['databases'] = [...c.sqliteDatabases];
  if (c.aiModels.length > 0) metadata['ai_models'] = [...c.aiModels];
  if (c.build) metadata['build'] = buildMetadata(c.build.raw);

  const component: { [key: string]: Json } = { id: c.id };
  if (Object.keys(metadata).length > 0) component['metadata'] = sortedMap(metadata);
  const source = inputs.sources.get(c.id);
  component['source'] = { content_type: 'application/wasm', ...contentRef(source) };
  if (Object.keys(c.environment).length > 0) component['env'] = sortedMap({ ...c.environment });
  const files = inputs.files.get(c.id) ?? [];
  if (files.length > 0) component['files'] = files.map((f) => ({ ...contentRef(f), path: f.path }));
  if (Object.keys(c.variables).length > 0) component['config'] = sortedMap({ ...c.variables });
  const deps = inputs.dependencies.get(c.id);
  if (deps && deps.size > 0) {
    const locked: { [key: string]: Json } = {};
    for (const [name, content] of deps) {
      const dep = c.dependencies.get(name);
      const entry: { [key: string]: Json } = {
        source: { content_type: 'application/wasm', ...contentRef(content) },
        export: dep && dep.kind !== 'other' && dep.export !== undefined ? dep.export : null,
      };
      if (c.dependenciesInheritConfiguration) entry['inherit'] = 'All';
      locked[name] = entry;
    }
    component['dependencies'] = sortedMap(locked);
  }
  if (requiresServiceChaining(c)) component['host_requirements'] = { local_service_chaining: 'required' };
  return component;
}

/** Spin serializes ComponentBuildConfig: `command`, `workdir` when set, `watch` when not empty. */
function buildMetadata(raw: PlainTable): Json {
  const build: { [key: string]: Json } = { command: toJson(raw['command'] ?? '') };
  if (raw['workdir'] !== undefined) build['workdir'] = toJson(raw['workdir']);
  if (Array.isArray(raw['watch']) && raw['watch'].length > 0) build['watch'] = toJson(raw['watch']);
  return sortedMap(build);
}

function contentRef(ref: ContentRef | undefined): { [key: string]: Json } {
  if (!ref) return {};
  const out: { [key: string]: Json } = {};
  if (ref.inline !== undefined) out['inline'] = ref.inline.toString('base64');
  out['digest'] = ref.digest;
  return out;
}

/** A component that calls others through `*.spin.internal` needs local service chaining. */
function requiresServiceChaining(c: AppComponent): boolean {
  return c.allowedOutboundHosts.some((h) => {
    const host = h.replace(/^[^:]*:\/\//, '').replace(/[:/].*$/, '');
    return host.endsWith('.spin.internal');
  });
}

function sortedMap(map: { [key: string]: Json }): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key] as Json;
  return out;
}

/** TOML data as JSON with map keys sorted (serde_json's Map is ordered by key). */
function toJson(value: PlainValue): Json {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = toJson(value[key] as PlainValue);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}
