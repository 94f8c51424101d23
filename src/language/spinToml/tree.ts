// A positioned view of a TOML document: the same tables, arrays and scalars TOML defines, where
// every node remembers the range of its value and of the key that introduced it. Dotted keys,
// `[table]` headers, `[[array.of.tables]]` and inline tables all end up in one uniform tree.
import type { AST } from 'toml-eslint-parser';
import type { Range } from '../types';
import type { LineIndex } from './parse';

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

/** Builds the positioned tree from a parsed document. */
export function buildTree(ast: AST.TOMLProgram, lines: LineIndex): TomlTableNode {
  const whole = lines.rangeOf(ast);
  const root: TomlTableNode = { kind: 'table', entries: new Map(), inline: false, range: whole };
  const top = ast.body[0];
  if (!top) return root;
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      addKeyValue(root, item, lines);
    } else {
      const table = openHeaderTable(root, item, lines);
      for (const kv of item.body) addKeyValue(table, kv, lines);
    }
  }
  return root;
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

function openHeaderTable(root: TomlTableNode, table: AST.TOMLTable, lines: LineIndex): TomlTableNode {
  const names = keyNames(table.key);
  const headerRange = lines.rangeOf(table.key);
  let current: TomlTableNode = root;
  names.forEach((name, i) => {
    const keyPart = table.key.keys[i];
    const keyRange = keyPart ? lines.rangeOf(keyPart) : headerRange;
    const last = i === names.length - 1;
    const existing = current.entries.get(name);
    if (last && table.kind === 'array') {
      let array = existing?.kind === 'array' ? existing : undefined;
      if (!array) {
        array = { kind: 'array', items: [], ofTables: true, range: headerRange, keyRange };
        current.entries.set(name, array);
      }
      // An item of an array of tables is named by its whole header (`trigger.http`).
      const item: TomlTableNode = {
        kind: 'table',
        entries: new Map(),
        inline: false,
        range: headerRange,
        keyRange: headerRange,
      };
      array.items.push(item);
      current = item;
      return;
    }
    if (existing?.kind === 'table') {
      current = existing;
    } else if (existing?.kind === 'array' && existing.items.at(-1)?.kind === 'table') {
      current = existing.items.at(-1) as TomlTableNode;
    } else {
      const created: TomlTableNode = {
        kind: 'table',
        entries: new Map(),
        inline: false,
        range: headerRange,
        keyRange,
      };
      current.entries.set(name, created);
      current = created;
    }
    if (last) {
      current.range = headerRange;
      current.keyRange = keyRange;
    }
  });
  return current;
}

/**
 * Values nested deeper than this are kept as empty containers: no spin.toml needs them, and
 * every consumer of the tree can then recurse without risking the stack.
 */
export const MAX_VALUE_DEPTH = 64;

function addKeyValue(parent: TomlTableNode, kv: AST.TOMLKeyValue, lines: LineIndex, depth = 0): void {
  const names = keyNames(kv.key);
  let current = parent;
  names.forEach((name, i) => {
    const keyPart = kv.key.keys[i];
    const keyRange = keyPart ? lines.rangeOf(keyPart) : lines.rangeOf(kv.key);
    if (i === names.length - 1) {
      const node = convertValue(kv.value, lines, depth);
      node.keyRange = keyRange;
      current.entries.set(name, node);
      return;
    }
    const existing = current.entries.get(name);
    if (existing?.kind === 'table') {
      current = existing;
    } else {
      const created: TomlTableNode = {
        kind: 'table',
        entries: new Map(),
        inline: false,
        range: lines.rangeOf(kv),
        keyRange,
      };
      current.entries.set(name, created);
      current = created;
    }
  });
}

function convertValue(value: AST.TOMLContentNode, lines: LineIndex, depth: number): TomlNode {
  const range = lines.rangeOf(value);
  const tooDeep = depth >= MAX_VALUE_DEPTH;
  switch (value.type) {
    case 'TOMLArray':
      return {
        kind: 'array',
        items: tooDeep ? [] : value.elements.map((e) => convertValue(e, lines, depth + 1)),
        ofTables: false,
        range,
      };
    case 'TOMLInlineTable': {
      const table: TomlTableNode = { kind: 'table', entries: new Map(), inline: true, range };
      if (!tooDeep) for (const kv of value.body) addKeyValue(table, kv, lines, depth + 1);
      return table;
    }
    default: {
      const raw = lines.text.slice(value.range[0], value.range[1]);
      switch (value.kind) {
        case 'string':
          return { kind: 'string', value: value.value, raw, range };
        case 'integer':
          return { kind: 'integer', value: value.value, raw, range };
        case 'float':
          return { kind: 'float', value: value.value, raw, range };
        case 'boolean':
          return { kind: 'boolean', value: value.value, raw, range };
        default:
          return { kind: 'datetime', value: value.datetime, raw, range };
      }
    }
  }
}

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
