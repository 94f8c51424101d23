// What one section of a TOML document says, in the terms of the positioned tree (tree.ts): its
// table headers and key/values in order, each value already converted to a tree node. A fragment
// keeps no syntax tree, so the sections of a large manifest cost little memory between versions;
// a fragment is reused as is while its section keeps its text and line, and shifted when lines
// were added or removed above it.
import type { AST } from 'toml-eslint-parser';
import type { Range } from '../types';
import { MAX_VALUE_DEPTH, type TomlNode, type TomlTableNode } from './tree';

export interface HeaderStep {
  readonly kind: 'header';
  /** `[[…]]` rather than `[…]`. */
  readonly array: boolean;
  readonly names: readonly string[];
  /** Range of each key segment. */
  readonly keyRanges: readonly Range[];
  /** Range of the whole header key. */
  readonly range: Range;
}

export interface KeyValueStep {
  readonly kind: 'keyValue';
  readonly names: readonly string[];
  readonly keyRanges: readonly Range[];
  /** Range of the whole `key = value`. */
  readonly range: Range;
  /** The value; its `keyRange` is the last key segment. Shared between versions: never mutated. */
  readonly value: TomlNode;
}

export type FragmentStep = HeaderStep | KeyValueStep;

export interface SectionFragment {
  /** 0-based line where the section starts; all ranges are absolute. */
  readonly line: number;
  readonly steps: readonly FragmentStep[];
}

interface Positioned {
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  range: [number, number];
}

/** Converts a section's syntax tree (parsed from `text`, which starts at `line`). */
export function sectionFragment(ast: AST.TOMLProgram, text: string, line: number): SectionFragment {
  const at = (node: Positioned): Range => ({
    start: { line: node.loc.start.line - 1 + line, character: node.loc.start.column },
    end: { line: node.loc.end.line - 1 + line, character: node.loc.end.column },
  });
  const keyRanges = (key: AST.TOMLKey): Range[] => key.keys.map((k) => at(k));

  const convert = (value: AST.TOMLContentNode, depth: number): TomlNode => {
    const range = at(value);
    const tooDeep = depth >= MAX_VALUE_DEPTH;
    switch (value.type) {
      case 'TOMLArray':
        return {
          kind: 'array',
          items: tooDeep ? [] : value.elements.map((e) => convert(e, depth + 1)),
          ofTables: false,
          range,
        };
      case 'TOMLInlineTable': {
        const table: TomlTableNode = { kind: 'table', entries: new Map(), inline: true, range };
        if (!tooDeep) for (const kv of value.body) addInline(table, kv, depth + 1);
        return table;
      }
      default: {
        const raw = text.slice(value.range[0], value.range[1]);
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
  };

  // Inside an inline table (closed once written, checked by the parser), dotted keys nest directly.
  const addInline = (table: TomlTableNode, kv: AST.TOMLKeyValue, depth: number): void => {
    const names = keyNames(kv.key);
    const ranges = keyRanges(kv.key);
    let current = table;
    names.forEach((name, i) => {
      const keyRange = ranges[i] ?? at(kv.key);
      if (i === names.length - 1) {
        const node = convert(kv.value, depth);
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
          range: at(kv),
          keyRange,
        };
        current.entries.set(name, created);
        current = created;
      }
    });
  };

  const keyValue = (kv: AST.TOMLKeyValue): KeyValueStep => {
    const names = keyNames(kv.key);
    const ranges = keyRanges(kv.key);
    const value = convert(kv.value, 0);
    value.keyRange = ranges[ranges.length - 1] ?? at(kv.key);
    return { kind: 'keyValue', names, keyRanges: ranges, range: at(kv), value };
  };

  const steps: FragmentStep[] = [];
  const top = ast.body[0];
  for (const item of top?.body ?? []) {
    if (item.type === 'TOMLKeyValue') {
      steps.push(keyValue(item));
    } else {
      steps.push({
        kind: 'header',
        array: item.kind === 'array',
        names: keyNames(item.key),
        keyRanges: keyRanges(item.key),
        range: at(item.key),
      });
      for (const kv of item.body) steps.push(keyValue(kv));
    }
  }
  return { line, steps };
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

/** The same fragment for its section now starting at `line`. */
export function shiftFragment(fragment: SectionFragment, line: number): SectionFragment {
  const delta = line - fragment.line;
  if (delta === 0) return fragment;
  const shift = (r: Range): Range => ({
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  });
  const shiftNode = (node: TomlNode): TomlNode => {
    const base = { range: shift(node.range), ...(node.keyRange && { keyRange: shift(node.keyRange) }) };
    switch (node.kind) {
      case 'table': {
        const entries = new Map<string, TomlNode>();
        for (const [k, v] of node.entries) entries.set(k, shiftNode(v));
        return { ...node, ...base, entries };
      }
      case 'array':
        return { ...node, ...base, items: node.items.map(shiftNode) };
      default:
        return { ...node, ...base };
    }
  };
  const steps = fragment.steps.map((step): FragmentStep => {
    const keyRanges = step.keyRanges.map(shift);
    return step.kind === 'header'
      ? { ...step, keyRanges, range: shift(step.range) }
      : { ...step, keyRanges, range: shift(step.range), value: shiftNode(step.value) };
  });
  return { line, steps };
}
