// Trigger normalization as Spin does it before locking an app: every trigger gets an id, and
// components written inline in a trigger are hoisted out with a generated id.
import { isTable, type PlainTable, type PlainValue } from './appManifest';

export interface AppTrigger {
  readonly id: string;
  readonly type: string;
  /** The trigger table with `component`/`components` reduced to component ids. */
  readonly config: PlainTable;
}

export interface RawTrigger {
  readonly type: string;
  readonly table: PlainTable;
}

export interface InlineComponent {
  readonly id: string;
  readonly table: PlainTable;
}

/** Assigns trigger ids and hoists inline components (ids `<trigger>-component` / `inline-component<N>`). */
export function normalizeTriggers(
  raw: readonly RawTrigger[],
  componentIds: ReadonlySet<string>,
): { triggers: AppTrigger[]; inlineComponents: InlineComponent[] } {
  const usedTriggerIds = new Set(
    raw.map((t) => t.table['id']).filter((id): id is string => typeof id === 'string'),
  );
  const usedComponentIds = new Set(componentIds);
  const inlineComponents: InlineComponent[] = [];
  const triggers: AppTrigger[] = [];

  const nextFree = (used: Set<string>, prefix: string): string => {
    for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
  };

  for (const { type, table } of raw) {
    let id = typeof table['id'] === 'string' ? table['id'] : undefined;
    if (id === undefined) {
      const ref = table['component'];
      const natural = typeof ref === 'string' ? `${ref}-${type}-trigger` : undefined;
      id =
        natural !== undefined && !usedTriggerIds.has(natural)
          ? natural
          : nextFree(usedTriggerIds, `${type}-trigger`);
      usedTriggerIds.add(id);
    }
    const triggerId = id;
    const specCount =
      (table['component'] !== undefined ? 1 : 0) +
      (isTable(table['components'])
        ? Object.values(table['components']).reduce<number>(
            (n, v) => n + (Array.isArray(v) ? v.length : 1),
            0,
          )
        : 0);

    const resolve = (spec: PlainValue): PlainValue => {
      if (!isTable(spec)) return spec;
      const natural = `${triggerId}-component`;
      const componentId =
        specCount === 1 && !usedComponentIds.has(natural)
          ? natural
          : nextFree(usedComponentIds, 'inline-component');
      usedComponentIds.add(componentId);
      inlineComponents.push({ id: componentId, table: spec });
      return componentId;
    };

    const { id: _id, component, components, ...rest } = table;
    const config: PlainTable = { ...rest };
    if (component !== undefined) config['component'] = resolve(component);
    if (isTable(components)) {
      const flattened: PlainTable = {};
      for (const [key, specs] of Object.entries(components)) {
        flattened[key] = (Array.isArray(specs) ? specs : [specs]).map(resolve);
      }
      config['components'] = flattened;
    }
    triggers.push({ id: triggerId, type, config });
  }
  return { triggers, inlineComponents };
}
