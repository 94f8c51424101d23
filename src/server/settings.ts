import type { FormatSettings } from '../language/types';

/** The server's view of the `spinkube.*` settings it reads (workspace/configuration, section `spinkube`). */
export interface ServerSettings {
  /** `spinkube.validation.enable`: publish diagnostics for open documents. */
  readonly validationEnabled: boolean;
  /** `spinkube.validation.clusterAware`: use the connected cluster's facts in checks. */
  readonly clusterAware: boolean;
  /** `spinkube.validation.shimTriggers`: trigger types the shim runs; undefined = the language's default. */
  readonly shimTriggers: readonly string[] | undefined;
  /** `spinkube.format.*`: how spin.toml is formatted (the language checks each value). */
  readonly format: FormatSettings;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validationEnabled: true,
  clusterAware: true,
  shimTriggers: undefined,
  format: {},
};

/**
 * Reads the settings from the `spinkube` configuration section (as VS Code sends it, nested:
 * `{ validation: { enable, shimTriggers } }`, or flat with dotted keys). Anything malformed falls
 * back to the default rather than failing.
 */
export function settingsFrom(section: unknown): ServerSettings {
  if (typeof section !== 'object' || section === null) return DEFAULT_SETTINGS;
  const read = (key: string): unknown => {
    const flat = (section as Record<string, unknown>)[`validation.${key}`];
    if (flat !== undefined) return flat;
    const validation = (section as Record<string, unknown>).validation;
    return typeof validation === 'object' && validation !== null
      ? (validation as Record<string, unknown>)[key]
      : undefined;
  };
  const format = (section as Record<string, unknown>).format;
  const enable = read('enable');
  const clusterAware = read('clusterAware');
  const triggers = read('shimTriggers');
  return {
    validationEnabled: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validationEnabled,
    clusterAware: typeof clusterAware === 'boolean' ? clusterAware : DEFAULT_SETTINGS.clusterAware,
    shimTriggers:
      Array.isArray(triggers) && triggers.every((t) => typeof t === 'string')
        ? (triggers as string[])
        : DEFAULT_SETTINGS.shimTriggers,
    format: formatSettingsFrom(section as Record<string, unknown>, format),
  };
}

/** `spinkube.format.*`, nested (`{ format: { columnWidth } }`) or flat (`'format.columnWidth'`). */
function formatSettingsFrom(section: Record<string, unknown>, nested: unknown): FormatSettings {
  const inner = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : {};
  const pick = (key: keyof FormatSettings): unknown => section[`format.${key}`] ?? inner[key];
  const out: Record<string, unknown> = {};
  for (const key of ['columnWidth', 'arrayTrailingComma', 'allowedBlankLines'] as const) {
    const value = pick(key);
    if (value !== undefined) out[key] = value;
  }
  return out as FormatSettings;
}
