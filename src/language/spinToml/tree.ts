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

/** Human name of a node's TOML type, for "expected X, found Y" messages. */
export function tomlTypeName(node: TomlNode): string {
  switch (node.kind) {
    case 'table':
      return 'a table';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'float':
      return 'a float';
    case 'boolean':
      return 'a boolean';
    default:
      return 'a date-time';
  }
}

/** The range to underline for a node: its key when it has one, else its value. */
export function keyOrValueRange(node: TomlNode): Range {
  return node.keyRange ?? node.range;
}
