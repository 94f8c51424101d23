// Triggers: the component they name must exist, HTTP triggers have exactly one of `component` /
// `static_response`, Redis triggers have a channel and an address, and trigger types the Spin
// shim cannot run get a warning.
import { closestName } from '../../didYouMean';
import type { SpinManifestModel, TriggerModel } from '../modelTypes';
import { child, stringAt } from '../read';
import { isValidComponentRef } from './identifierRules';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_MISSING_COMPONENT = 'spin-toml/missing-component';
export const CODE_COMPONENT_OR_STATIC = 'spin-toml/component-or-static-response';
export const CODE_REDIS_CHANNEL = 'spin-toml/redis-channel';
export const CODE_REDIS_ADDRESS = 'spin-toml/redis-address';
export const CODE_UNSUPPORTED_TRIGGER = 'spin-toml/unsupported-trigger';

const DEFAULT_SHIM_TRIGGERS: readonly string[] = ['http', 'redis', 'mqtt', 'sqs', 'cron'];

/**
 * Attached to missing-component diagnostics, for the quick fixes: change the reference to the
 * declared id closest to it (when one is), or add a stub component.
 */
export interface MissingComponentData {
  readonly id: string;
  readonly suggestion?: string;
}

/**
 * Which trigger this is, in words the user can find in the file: Spin names the trigger by an id
 * the user may never have written (`ecko-http-trigger`), so its header, line and route follow.
 */
export function describeTrigger(trigger: TriggerModel, layout: 1 | 2): string {
  const line = trigger.range.start.line + 1;
  if (layout === 1) return `the trigger of the component at line ${line}`;
  const where = `the [[trigger.${trigger.type}]] at line ${line}`;
  const route = stringAt(trigger.node, 'route');
  if (route) return `${where}, route ${route.value}`;
  const channel = stringAt(trigger.node, 'channel');
  return channel ? `${where}, channel ${channel.value}` : where;
}

function missingComponent(
  model: SpinManifestModel,
  trigger: TriggerModel,
  id: string,
): { message: string; data: MissingComponentData } {
  const suggestion = closestName(
    id,
    model.componentsById.keys(),
    Math.max(1, Math.min(3, Math.floor(id.length / 3))),
  );
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  return {
    message: `missing component "${id}" configured for trigger "${trigger.effectiveId}" (${describeTrigger(trigger, model.layout)})${hint}`,
    data: suggestion ? { id, suggestion } : { id },
  };
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
        const { message, data } = missingComponent(model, trigger, named.id);
        report.error(named.range, CODE_MISSING_COMPONENT, message, data);
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
