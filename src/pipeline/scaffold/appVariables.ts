// The application variables a SpinApp must set: those spin.toml marks `required = true` (a
// required variable has no default, so the app fails at run time without a value).
import { appDefinition } from '../../language/spinToml/appDefinition';
import { buildModel } from '../../language/spinToml/model';
import { parseSpinToml } from '../../language/spinToml/parse';

export interface AppVariable {
  readonly name: string;
  readonly required: boolean;
  readonly secret: boolean;
  readonly default?: string;
}

/** Variables declared in a spin.toml's `[variables]` table; an empty list when the text does not parse. */
export function readAppVariables(spinTomlText: string): AppVariable[] {
  const app = appDefinition(buildModel(parseSpinToml(spinTomlText)));
  return [...(app?.variables ?? [])].map(([name, v]) => ({
    name,
    required: v.required,
    secret: v.secret,
    ...(v.default !== undefined ? { default: v.default } : {}),
  }));
}

/** Names of the required variables, in manifest order. */
export function requiredVariableNames(spinTomlText: string): string[] {
  return readAppVariables(spinTomlText)
    .filter((v) => v.required)
    .map((v) => v.name);
}
