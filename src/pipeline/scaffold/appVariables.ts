// The application variables a SpinApp must set: those spin.toml marks `required = true` (a
// required variable has no default, so the app fails at run time without a value).
import TOML from '@iarna/toml';

export interface AppVariable {
  readonly name: string;
  readonly required: boolean;
  readonly secret: boolean;
  readonly default?: string;
}

/** Variables declared in a spin.toml's `[variables]` table; an empty list when the text does not parse. */
export function readAppVariables(spinTomlText: string): AppVariable[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = TOML.parse(spinTomlText) as Record<string, unknown>;
  } catch {
    return [];
  }
  const table = parsed.variables;
  if (!isTable(table)) return [];
  return Object.entries(table).flatMap(([name, value]) => {
    if (!isTable(value)) return [];
    const fallback = typeof value.default === 'string' ? { default: value.default } : {};
    return [{ name, required: value.required === true, secret: value.secret === true, ...fallback }];
  });
}

/** Names of the required variables, in manifest order. */
export function requiredVariableNames(spinTomlText: string): string[] {
  return readAppVariables(spinTomlText)
    .filter((v) => v.required)
    .map((v) => v.name);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
