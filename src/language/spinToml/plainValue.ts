// TOML values as plain data (no positions): what the pipeline, the v1 → v2 conversion and the lock
// file work with.
import type { TomlPlainTable, TomlPlainValue } from './parse';
import type { TomlNode } from './tree';

export type PlainValue = TomlPlainValue;
export type PlainTable = TomlPlainTable;

export function isTable(value: PlainValue | undefined): value is PlainTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A node of the positioned tree as plain data. */
export function plainOf(node: TomlNode): PlainValue {
  switch (node.kind) {
    case 'table': {
      const table: PlainTable = {};
      for (const [key, value] of node.entries) table[key] = plainOf(value);
      return table;
    }
    case 'array':
      return node.items.map(plainOf);
    default:
      return node.value;
  }
}
