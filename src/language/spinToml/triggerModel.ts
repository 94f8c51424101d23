// The `[[trigger.<type>]]` tables of a version 2 manifest, normalized as Spin does before it runs or
// locks an app (SPEC §1a.13): a trigger without an id gets `<component>-<type>-trigger` when that is
// free, else `<type>-trigger<N>`; a component written inline (`component = { … }` or in
// `components`) is hoisted out as `<trigger id>-component`, or `inline-component<N>` when the
// trigger has several component specs, that id is not a valid id, or it is taken.
import { readComponent } from './componentModel';
import { idProblem } from './identifiers';
import type { ComponentModel, SpinManifestModel, TriggerComponentRef, TriggerModel } from './modelTypes';
import { child, stringAt, stringOf, tableAt, tableItems } from './read';
import { unchangedNode } from './reuse';
import type { TomlNode, TomlTableNode } from './tree';

/** The first `<prefix><N>` (N from 1) not in `used`. */
function nextFree(used: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The component specs of `components`: one spec or an array of specs per key. */
function componentsSpecs(table: TomlTableNode): [string, TomlNode[]][] {
  const components = tableAt(table, 'components');
  return [...(components?.entries ?? [])].map(([key, value]) => [
    key,
    value.kind === 'array' ? value.items : [value],
  ]);
}

/**
 * Reads the triggers in source order, appending the inline components they hoist to `components`
 * (which holds the declared `[component.<id>]` tables). A trigger whose table is as in `previous`
 * (and hoists no inline component) is that version's trigger, so that its checks can be reused.
 */
export function readTriggersV2(
  root: TomlTableNode,
  components: ComponentModel[],
  previous?: SpinManifestModel,
): TriggerModel[] {
  const tables = [...(tableAt(root, 'trigger')?.entries ?? [])].flatMap(([type, node]) =>
    tableItems(node).map((table, index) => ({ type, index, table, id: stringAt(table, 'id') })),
  );
  const usedTriggerIds = new Set(tables.flatMap(({ id }) => (id?.value ? [id.value] : [])));
  const usedComponentIds = new Set(components.map((c) => c.id));
  return tables.map(({ type, index, table, id }) => {
    const componentNode = child(table, 'component');
    const specs = componentsSpecs(table);
    const ref = stringOf(componentNode);
    let effectiveId = id?.value;
    if (!effectiveId) {
      const natural = ref ? `${ref.value}-${type}-trigger` : undefined;
      effectiveId =
        natural !== undefined && !usedTriggerIds.has(natural)
          ? natural
          : nextFree(usedTriggerIds, `${type}-trigger`);
      usedTriggerIds.add(effectiveId);
    }
    const hoists =
      componentNode?.kind === 'table' || specs.some(([, nodes]) => nodes.some((n) => n.kind === 'table'));
    const before = previous?.triggersByType.get(type)?.[index];
    if (!hoists && before?.effectiveId === effectiveId && unchangedNode(before.node, table)) return before;
    const specCount = (componentNode ? 1 : 0) + specs.reduce((n, [, nodes]) => n + nodes.length, 0);
    const natural = `${effectiveId}-component`;
    const refOf = (node: TomlNode | undefined): TriggerComponentRef | undefined => {
      const name = stringOf(node);
      if (name) return { kind: 'ref', id: name.value, range: name.range };
      if (node?.kind !== 'table') return undefined;
      const componentId =
        specCount === 1 && idProblem(natural, 'kebab') === undefined && !usedComponentIds.has(natural)
          ? natural
          : nextFree(usedComponentIds, 'inline-component');
      usedComponentIds.add(componentId);
      components.push(
        readComponent(componentId, node.keyRange ?? node.range, node, {
          inline: true,
          variablesKey: 'variables',
        }),
      );
      return { kind: 'inline', componentId, range: node.range };
    };
    const component = refOf(componentNode);
    const refs = new Map(specs.map(([key, nodes]) => [key, nodes.flatMap((n) => refOf(n) ?? [])]));
    return {
      type,
      index,
      ...(id ? { id } : {}),
      effectiveId,
      range: table.range,
      ...(component ? { component } : {}),
      components: refs,
      node: table,
    };
  });
}
