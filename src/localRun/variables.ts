// Application and component variables resolved as Spin does: a component sees only its own
// `[component.<id>.variables]` keys, whose values are templates over the app's `[variables]`;
// an app variable's value is `SPIN_VARIABLE_<NAME>` from the environment, else its default.
// Values are looked up again on every `get`, as Spin's environment provider does.
import { renderTemplate } from '../language/spinToml/templates';
import type { AppVariable, LocalApp } from './localApp';
import { LocalRunError } from './localRunError';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The error variants of `fermyon:spin/variables`. */
export type VariableError =
  | { readonly tag: 'invalid-name'; readonly val: string }
  | { readonly tag: 'undefined'; readonly val: string }
  | { readonly tag: 'provider'; readonly val: string };

export type VariableResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: VariableError };

export function environmentKey(name: string): string {
  return `SPIN_VARIABLE_${name.toUpperCase()}`;
}

function appVariableValue(variable: AppVariable, env: Environment): string | undefined {
  return env[environmentKey(variable.name)] ?? variable.default;
}

/** Required variables with no value: Spin refuses to start, naming them. */
export function checkRequiredVariables(app: LocalApp, env: Environment): void {
  const missing = app.variables.filter((v) => v.required && appVariableValue(v, env) === undefined);
  if (missing.length === 0) return;
  const names = missing.map((v) => v.name);
  throw new LocalRunError(
    `Required variable${names.length > 1 ? 's' : ''} ${names.join(', ')} ha${names.length > 1 ? 've' : 's'} no value: set ${names.map(environmentKey).join(', ')} in the environment.`,
  );
}

export class ComponentVariables {
  private readonly appVariables: ReadonlyMap<string, AppVariable>;

  constructor(
    private readonly componentId: string,
    private readonly templates: ReadonlyMap<string, string>,
    appVariables: readonly AppVariable[],
    private readonly env: () => Environment,
  ) {
    this.appVariables = new Map(appVariables.map((v) => [v.name, v]));
  }

  get(name: string): VariableResult {
    if (!/^[a-z][a-z0-9_]*$/.test(name) || name.endsWith('_') || name.includes('__')) {
      return { ok: false, error: { tag: 'invalid-name', val: `invalid variable name "${name}"` } };
    }
    const template = this.templates.get(name);
    if (template === undefined) {
      return {
        ok: false,
        error: { tag: 'undefined', val: `no variable for "${this.componentId}"."${name}"` },
      };
    }
    let unresolved: string | undefined;
    const env = this.env();
    const value = renderTemplate(template, (reference) => {
      const variable = this.appVariables.get(reference);
      const resolved = variable ? appVariableValue(variable, env) : undefined;
      if (resolved === undefined) unresolved ??= reference;
      return resolved;
    });
    if (value === undefined) {
      return {
        ok: false,
        error: { tag: 'provider', val: `no provider resolved required variable "${unresolved ?? name}"` },
      };
    }
    return { ok: true, value };
  }
}
