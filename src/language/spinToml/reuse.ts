// What an edit did not touch. Sections whose text and line did not change keep their value nodes
// from one version of the document to the next (parse.ts), while the tables made from headers are
// built anew; a table whose keys hold the very same value nodes (and whose sub-tables do too) is
// therefore unchanged, ranges included. The model reuses what it read from such a table, and the
// rules reuse the diagnostics they found in it: an edit re-validates the section it touched and
// the cross-references into it, not every component.
import type { Range } from '../types';
import type { TomlNode, TomlTableNode } from './tree';

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Whether two versions of a node hold the same text at the same place. */
export function unchangedNode(a: TomlNode, b: TomlNode): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || !sameRange(a.range, b.range) || !sameRange(a.keyRange, b.keyRange)) return false;
  if (a.kind === 'table' && b.kind === 'table') return !a.inline && !b.inline && unchangedTable(a, b);
  if (a.kind === 'array' && b.kind === 'array') {
    // Only arrays of tables are rebuilt; an array literal is a shared value node (checked above).
    return (
      a.ofTables &&
      b.ofTables &&
      a.items.length === b.items.length &&
      a.items.every((item, i) => unchangedNode(item, b.items[i] as TomlNode))
    );
  }
  return false;
}

function unchangedTable(a: TomlTableNode, b: TomlTableNode): boolean {
  if (a.entries.size !== b.entries.size) return false;
  const other = b.entries.entries();
  for (const [key, value] of a.entries) {
    const next = other.next().value as [string, TomlNode] | undefined;
    if (!next || next[0] !== key || !unchangedNode(value, next[1])) return false;
  }
  return true;
}
