// Application variables and templates: `required` xor `default` (SPEC §1a.4), and every
// `{{ name }}` in a template-capable value (component variables, allowed_outbound_hosts, Redis
// address/channel) must be well formed and name a declared variable (SPEC §1a.10–1a.11).
import type { Range } from '../../types';
import type { Located, SpinManifestModel } from '../modelTypes';
import { stringAt } from '../read';
import { parseTemplate } from '../templates';
import type { Reporter, RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_REQUIRED_OR_DEFAULT = 'spin-toml/variable-required-or-default';
export const CODE_UNDECLARED_VARIABLE = 'spin-toml/undeclared-variable';
export const CODE_TEMPLATE_SYNTAX = 'spin-toml/template-syntax';

/** Attached to undeclared-variable diagnostics, for the "declare it" quick fix. */
export interface UndeclaredVariableData {
  readonly name: string;
}

export const variableDeclarationRule: SpinTomlRule = {
  name: 'variable-declarations',
  check({ model, report }: RuleInput) {
    for (const variable of model.variables) {
      if (!variable.node) continue;
      const required = variable.required?.value === true;
      const hasDefault = variable.default !== undefined;
      if (required === hasDefault) {
        const detail = required ? ' (it has both)' : '';
        report.error(
          variable.nameRange,
          CODE_REQUIRED_OR_DEFAULT,
          `Variable "${variable.name}" must be \`required\` OR have a \`default\`${detail}`,
        );
      }
    }
  },
};

/** Every string value where Spin expands `{{ variable }}` templates. */
export function templatedValues(model: SpinManifestModel): Located<string>[] {
  const out: Located<string>[] = [];
  for (const component of model.components) {
    out.push(...component.variables.values(), ...component.allowedOutboundHosts);
  }
  for (const trigger of model.triggersByType.get('redis') ?? []) {
    for (const key of ['address', 'channel']) {
      const value = stringAt(trigger.node, key);
      if (value) out.push(value);
    }
  }
  const appRedis = stringAt(model.application.triggerSettings.get('redis'), 'address');
  if (appRedis) out.push(appRedis);
  return out;
}

/** Range of characters [start, end) inside a single-line string value (after its opening quote). */
export function rangeInString(value: Located<string>, start: number, end: number): Range {
  const r = value.range;
  if (r.start.line !== r.end.line) return r;
  const quote = 1;
  return {
    start: { line: r.start.line, character: r.start.character + quote + start },
    end: { line: r.start.line, character: r.start.character + quote + end },
  };
}

function checkTemplate(value: Located<string>, model: SpinManifestModel, report: Reporter): void {
  const parsed = parseTemplate(value.value);
  if (!parsed.ok) {
    report.error(rangeInString(value, parsed.offset, parsed.offset + 2), CODE_TEMPLATE_SYNTAX, parsed.error);
    return;
  }
  for (const ref of parsed.references) {
    if (model.variablesByName.has(ref.name)) continue;
    const data: UndeclaredVariableData = { name: ref.name };
    report.error(
      rangeInString(value, ref.start, ref.end),
      CODE_UNDECLARED_VARIABLE,
      `invalid variable template: unknown variable "${ref.name}"`,
      data,
    );
  }
}

export const templateRule: SpinTomlRule = {
  name: 'templates',
  check({ model, report }: RuleInput) {
    for (const value of templatedValues(model)) checkTemplate(value, model, report);
  },
};
