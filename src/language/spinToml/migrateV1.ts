// Converting a version 1 manifest to version 2 text, as Spin's v1→v2 conversion does
// (SPEC §1a.15): app details move to `[application]`, the trigger type's settings to
// `[application.trigger.<type>]`, each component gets a `[[trigger.<type>]]`, `config` becomes
// `variables`, ids are repaired, and `allowed_http_hosts` becomes `allowed_outbound_hosts`.
import TOML from '@iarna/toml';
import type { SpinManifestModel } from './modelTypes';
import { convertHttpHosts } from './outboundHosts';
import type { TomlPlainTable, TomlPlainValue } from './parse';
import { isTable } from './plainValue';
import { repairV1Id } from './rules/identifierRules';

type JsonMap = Parameters<typeof TOML.stringify>[0];

const APP_KEYS = ['name', 'version', 'description', 'authors'] as const;
const LEGACY_DATABASE_HOSTS = ['redis://*:*', 'mysql://*:*', 'postgres://*:*'];

function stringList(v: TomlPlainValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The version 2 text for a version 1 manifest; undefined if the model is not a readable v1 file. */
export function migrateV1ToV2(model: SpinManifestModel): string | undefined {
  const v1 = model.parse.value;
  if (model.layout !== 1 || !v1) return undefined;
  const appTrigger = isTable(v1['trigger']) ? v1['trigger'] : {};
  const type = typeof appTrigger['type'] === 'string' ? appTrigger['type'] : 'http';
  const { type: _type, ...settings } = appTrigger;

  const application: TomlPlainTable = {};
  for (const key of APP_KEYS) {
    const value = v1[key];
    if (value !== undefined) application[key] = value;
  }
  application['trigger'] = { [type]: settings };

  const triggers: TomlPlainTable[] = [];
  const components: TomlPlainTable = {};
  const items = Array.isArray(v1['component']) ? v1['component'].filter(isTable) : [];
  for (const item of items) {
    const id = repairV1Id(typeof item['id'] === 'string' ? item['id'] : 'component');
    const { id: _id, trigger, config, allowed_http_hosts, ...rest } = item;
    const component: TomlPlainTable = { ...rest };
    if (isTable(config)) component['variables'] = config;
    const outbound = stringList(rest['allowed_outbound_hosts']);
    const hadOutbound = rest['allowed_outbound_hosts'] !== undefined;
    const merged = [...outbound, ...convertHttpHosts(stringList(allowed_http_hosts))];
    const hosts = hadOutbound ? merged : [...merged, ...LEGACY_DATABASE_HOSTS];
    component['allowed_outbound_hosts'] = [...new Set(hosts)];
    components[id] = component;
    triggers.push({ id: `trigger-${id}`, component: id, ...(isTable(trigger) ? trigger : {}) });
  }

  const v2: TomlPlainTable = { spin_manifest_version: 2, application };
  if (isTable(v1['variables'])) v2['variables'] = v1['variables'];
  v2['trigger'] = triggers.length > 0 ? { [type]: triggers } : {};
  if (items.length > 0) v2['component'] = components;
  return TOML.stringify(v2 as unknown as JsonMap);
}
