// Duplicate ids (SPEC §1a.14). Version 2 duplicate tables are TOML syntax errors; in version 1
// two `[[component]]` with the same id load, but the later one silently replaces the earlier.
import type { ComponentModel } from '../modelTypes';
import { repairV1Id } from './identifierRules';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_DUPLICATE_COMPONENT_ID = 'spin-toml/duplicate-component-id';

export const duplicateIdRule: SpinTomlRule = {
  name: 'duplicate-ids',
  check({ model, report }: RuleInput) {
    if (model.layout !== 1) return;
    const seen = new Map<string, ComponentModel>();
    for (const component of model.components) {
      const key = repairV1Id(component.id);
      const earlier = seen.get(key);
      if (earlier) {
        report.warning(
          earlier.idRange,
          CODE_DUPLICATE_COMPONENT_ID,
          `Component id "${component.id}" is defined again on line ${component.idRange.start.line + 1}; Spin keeps only the later definition (cannot have duplicate component IDs: ${key})`,
        );
      }
      seen.set(key, component);
    }
  },
};
