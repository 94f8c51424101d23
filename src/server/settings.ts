/** The server's view of the `spinkube.*` settings it reads (workspace/configuration, section `spinkube`). */
export interface ServerSettings {
  /** `spinkube.validation.enable`: publish diagnostics for open documents. */
  readonly validationEnabled: boolean;
  /** `spinkube.validation.clusterAware`: use the connected cluster's facts in checks. */
  readonly clusterAware: boolean;
  /** `spinkube.validation.shimTriggers`: trigger types the shim runs; undefined = the language's default. */
  readonly shimTriggers: readonly string[] | undefined;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validationEnabled: true,
  clusterAware: true,
  shimTriggers: undefined,
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
  };
}
