// Small typed readers over the positioned tree: each returns a Located value only when the node
// has the expected TOML type (type errors are reported by the schema rule, not here).
import type { Located } from './modelTypes';
import type { TomlNode, TomlTableNode } from './tree';

export function child(table: TomlTableNode | undefined, key: string): TomlNode | undefined {
  return table?.entries.get(key);
}

export function tableAt(table: TomlTableNode | undefined, key: string): TomlTableNode | undefined {
  const node = child(table, key);
  return node?.kind === 'table' ? node : undefined;
}

function located<T>(node: TomlNode, value: T): Located<T> {
  return node.keyRange ? { value, range: node.range, keyRange: node.keyRange } : { value, range: node.range };
}

export function stringOf(node: TomlNode | undefined): Located<string> | undefined {
  return node?.kind === 'string' ? located(node, node.value as string) : undefined;
}

export function stringAt(table: TomlTableNode | undefined, key: string): Located<string> | undefined {
  return stringOf(child(table, key));
}

export function booleanAt(table: TomlTableNode | undefined, key: string): Located<boolean> | undefined {
  const node = child(table, key);
  return node?.kind === 'boolean' ? located(node, node.value as boolean) : undefined;
}

/** The string items of an array (non-strings are skipped). */
export function stringsAt(table: TomlTableNode | undefined, key: string): Located<string>[] {
  const node = child(table, key);
  if (node?.kind !== 'array') return [];
  const out: Located<string>[] = [];
  for (const item of node.items) {
    const s = stringOf(item);
    if (s) out.push(s);
  }
  return out;
}

/** String or array of strings (e.g. `build.command`). */
export function stringOrStringsAt(table: TomlTableNode | undefined, key: string): Located<string>[] {
  const single = stringAt(table, key);
  return single ? [single] : stringsAt(table, key);
}

/** The string values of a table (non-strings are skipped). */
export function stringMapAt(table: TomlTableNode | undefined, key: string): Map<string, Located<string>> {
  const out = new Map<string, Located<string>>();
  const node = tableAt(table, key);
  if (!node) return out;
  for (const [name, value] of node.entries) {
    const s = stringOf(value);
    if (s) out.set(name, s);
  }
  return out;
}

/** Tables found as items of an array (`[[x]]` or `[{...}]`). */
export function tableItems(node: TomlNode | undefined): TomlTableNode[] {
  if (node?.kind !== 'array') return [];
  return node.items.filter((i): i is TomlTableNode => i.kind === 'table');
}
