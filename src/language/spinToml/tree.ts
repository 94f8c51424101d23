// A positioned view of a TOML document: the same tables, arrays and scalars TOML defines, where
// every node remembers the range of its value and of the key that introduced it. Dotted keys,
// `[table]` headers, `[[array.of.tables]]` and inline tables all end up in one uniform tree.
import type { Range } from '../types';

interface NodeBase {
  /** Range of the value (for a table opened by a header: the header line). */
  range: Range;
  /** Range of the key naming this node in its parent (the last key segment); absent for array items. */
  keyRange?: Range;
}

export interface TomlTableNode extends NodeBase {
  kind: 'table';
  /** Entries in source order. */
  entries: Map<string, TomlNode>;
  /** Written as `{ ... }`. */
  inline: boolean;
}

export interface TomlArrayNode extends NodeBase {
  kind: 'array';
  items: TomlNode[];
  /** Built from `[[header]]` tables rather than a `[ ... ]` literal. */
  ofTables: boolean;
}

export interface TomlScalarNode extends NodeBase {
  kind: 'string' | 'integer' | 'float' | 'boolean' | 'datetime';
  value: string | number | boolean;
  /** Source text of the value, e.g. `"0"` or `2`. */
  raw: string;
}

export type TomlNode = TomlTableNode | TomlArrayNode | TomlScalarNode;

/**
 * Values nested deeper than this are kept as empty containers: no spin.toml needs them, and
 * every consumer of the tree can then recurse without risking the stack.
 */
export const MAX_VALUE_DEPTH = 64;
