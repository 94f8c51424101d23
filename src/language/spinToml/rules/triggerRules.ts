// Triggers: the component they name must exist, HTTP triggers have exactly one of `component` /
// `static_response`, Redis triggers have a channel and an address, and trigger types the Spin
// shim cannot run get a warning.
import { child, stringAt } from '../read';
import { isValidComponentRef } from './identifierRules';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_MISSING_COMPONENT = 'spin-toml/missing-component';
export const CODE_COMPONENT_OR_STATIC = 'spin-toml/component-or-static-response';
export const CODE_REDIS_CHANNEL = 'spin-toml/redis-channel';
export const CODE_REDIS_ADDRESS = 'spin-toml/redis-address';
export const CODE_UNSUPPORTED_TRIGGER = 'spin-toml/unsupported-trigger';

const DEFAULT_SHIM_TRIGGERS: readonly string[] = ['http', 'redis', 'mqtt', 'sqs', 'cron'];

/** Attached to missing-component diagnostics, for the "add a stub component" quick fix. */
export interface MissingComponentData {
  readonly id: string;
}

export const triggerComponentRule: SpinTomlRule = {
  name: 'trigger-components',
  check({ model, report }: RuleInput) {
    for (const trigger of model.triggers) {
      const ref = trigger.component;
      const refs = [...(ref ? [ref] : []), ...[...trigger.components.values()].flat()];
      for (const named of refs) {
        if (named.kind !== 'ref' || !isValidComponentRef(named.id, model.layout)) continue;
        if (model.componentsById.has(named.id)) continue;
        const data: MissingComponentData = { id: named.id };
        report.error(
          named.range,
          CODE_MISSING_COMPONENT,
          `missing component "${named.id}" configured for trigger "${trigger.effectiveId}"`,
          data,
        );
      }
      if (model.layout !== 2) continue;
      if (trigger.type === 'http') {
        const staticResponse = child(trigger.node, 'static_response');
        // A `component` of the wrong type is the schema rule's problem; here it still counts as present.
        const hasComponent = ref !== undefined || child(trigger.node, 'component') !== undefined;
        if (!hasComponent && !staticResponse) {
          report.error(
            trigger.range,
            CODE_COMPONENT_OR_STATIC,
            `Triggers must specify either component or static_response - ${trigger.effectiveId} has neither`,
          );
        } else if (hasComponent && staticResponse) {
          report.error(
            staticResponse.keyRange ?? staticResponse.range,
            CODE_COMPONENT_OR_STATIC,
            `Triggers must specify either component or static_response - ${trigger.effectiveId} has both`,
          );
        }
      } else if (trigger.type === 'redis' && !child(trigger.node, 'component')) {
        report.error(trigger.range, CODE_MISSING_COMPONENT, 'missing field `component`');
      }
    }
  },
};

/** Component ids named in a trigger's `components` table (`role = "id"` or `role = ["id", …]`). */

export const redisTriggerRule: SpinTomlRule = {
  name: 'redis-triggers',
  check({ model, report }: RuleInput) {
    const defaultAddress = stringAt(model.application.triggerSettings.get('redis'), 'address');
    for (const trigger of model.triggersByType.get('redis') ?? []) {
      if (model.layout === 1 && !child(trigger.node, 'channel')) {
        report.error(
          trigger.range,
          CODE_REDIS_CHANNEL,
          `Redis component "${trigger.component?.kind === 'ref' ? trigger.component.id : trigger.effectiveId}" missing trigger.channel`,
        );
      }
      if (!defaultAddress && !child(trigger.node, 'address')) {
        report.error(
          trigger.range,
          CODE_REDIS_ADDRESS,
          `Redis trigger "${trigger.effectiveId}" has no \`address\`, and \`[application.trigger.redis]\` sets no default address`,
        );
      }
    }
  },
};

export const shimTriggerRule: SpinTomlRule = {
  name: 'shim-triggers',
  check({ model, ctx, report }: RuleInput) {
    const supported = ctx.shimTriggers ?? DEFAULT_SHIM_TRIGGERS;
    for (const [type, triggers] of model.triggersByType) {
      if (supported.includes(type)) continue;
      const first = triggers[0];
      if (!first) continue;
      const where =
        model.layout === 1
          ? (model.application.triggerSettings.get(type)?.entries.get('type')?.range ?? first.range)
          : first.range;
      report.warning(
        where,
        CODE_UNSUPPORTED_TRIGGER,
        `Found unsupported trigger: "${type}" - the Spin shim on SpinKube runs only ${supported.join(', ')} triggers, so this app cannot run there`,
      );
    }
  },
};
