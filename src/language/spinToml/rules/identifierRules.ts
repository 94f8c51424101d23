// Identifier syntax (SPEC §1a.9): component ids and references, variable names, component
// variable keys and store labels, with Spin's messages.
import { idProblem, labelProblem, toKebabCase, toLowerSnakeCase } from '../identifiers';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_INVALID_COMPONENT_ID = 'spin-toml/invalid-component-id';
export const CODE_INVALID_COMPONENT_REF = 'spin-toml/invalid-component-ref';
export const CODE_INVALID_VARIABLE_NAME = 'spin-toml/invalid-variable-name';
export const CODE_INVALID_STORE_LABEL = 'spin-toml/invalid-store-label';

/** Attached to id diagnostics: the id and a valid spelling to rename it to. */
export interface InvalidIdData {
  readonly id: string;
  readonly suggestion: string;
}

/** v1 repairs ids by lowercasing and replacing `_` by `-` (SPEC §1a.15). */
export function repairV1Id(id: string): string {
  return id.replace(/_/g, '-').toLowerCase();
}

export const identifierRule: SpinTomlRule = {
  name: 'identifiers',
  check({ model, report }: RuleInput) {
    for (const component of model.components) {
      if (component.inline) continue;
      if (model.layout === 1) {
        const problem = idProblem(repairV1Id(component.id), 'kebab');
        if (problem) {
          const data: InvalidIdData = { id: component.id, suggestion: toKebabCase(component.id) };
          report.error(
            component.idRange,
            CODE_INVALID_COMPONENT_ID,
            `invalid ID \`${component.id}\`: ${problem}`,
            data,
          );
        }
      } else {
        const problem = idProblem(component.id, 'kebab');
        if (problem) {
          const data: InvalidIdData = { id: component.id, suggestion: toKebabCase(component.id) };
          report.error(
            component.idRange,
            CODE_INVALID_COMPONENT_ID,
            `Invalid component id "${component.id}": ${problem}`,
            data,
          );
        }
      }
      for (const [key, value] of component.variables) {
        const problem = idProblem(key, 'lower-snake');
        if (problem) {
          const data: InvalidIdData = { id: key, suggestion: toLowerSnakeCase(key) };
          report.error(
            value.keyRange ?? value.range,
            CODE_INVALID_VARIABLE_NAME,
            `Invalid variable name "${key}": ${problem}`,
            data,
          );
        }
      }
      for (const label of [...component.keyValueStores, ...component.sqliteDatabases]) {
        const problem = labelProblem(label.value);
        if (problem) {
          report.error(
            label.range,
            CODE_INVALID_STORE_LABEL,
            `Invalid store label "${label.value}": ${problem}`,
          );
        }
      }
    }
    if (model.layout === 2) {
      for (const trigger of model.triggers) {
        const ref = trigger.component;
        if (ref?.kind !== 'ref') continue;
        const problem = idProblem(ref.id, 'kebab');
        if (problem) {
          const data: InvalidIdData = { id: ref.id, suggestion: toKebabCase(ref.id) };
          report.error(
            ref.range,
            CODE_INVALID_COMPONENT_REF,
            `Invalid component id "${ref.id}": ${problem}`,
            data,
          );
        }
      }
    }
    for (const variable of model.variables) {
      const problem = idProblem(variable.name, 'lower-snake');
      if (problem) {
        const data: InvalidIdData = { id: variable.name, suggestion: toLowerSnakeCase(variable.name) };
        report.error(
          variable.nameRange,
          CODE_INVALID_VARIABLE_NAME,
          `Invalid variable name "${variable.name}": ${problem}`,
          data,
        );
      }
    }
  },
};

/** Whether a trigger's component reference is syntactically valid (other rules skip invalid ones). */
export function isValidComponentRef(id: string, layout: 1 | 2): boolean {
  return idProblem(layout === 1 ? repairV1Id(id) : id, 'kebab') === undefined;
}
