// Builds the positioned tree (tree.ts) from the fragments of a document's sections, in order.
// The parser has checked each section on its own; what only the whole document can tell — a
// table defined twice, a key that a header elsewhere also defines — is checked here as sections
// are merged, and reported as a TableConflict so that the caller can let the parser, run on the
// whole text, give its exact error.
import type { Range } from '../types';
import type { HeaderStep, KeyValueStep, SectionFragment } from './sectionFragment';
import type { TomlTableNode } from './tree';

/** Two sections define the same thing; the whole text has to be parsed to say exactly what. */
export class TableConflict extends Error {}

const ROOT_SCOPE = 0;

class TreeBuilder {
  /** Tables made only as the path to a deeper header (`a` of `[a.b]`): one later `[a]` may define them. */
  private readonly implicit = new Set<TomlTableNode>();
  /** Tables made by dotted keys, and the header (a number) whose keys made them. */
  private readonly dottedIn = new Map<TomlTableNode, number>();
  private scope = ROOT_SCOPE;
  private table: TomlTableNode;

  constructor(
    private readonly checked: boolean,
    readonly root: TomlTableNode,
  ) {
    this.table = root;
  }

  add(fragment: SectionFragment): void {
    for (const step of fragment.steps) {
      if (step.kind === 'header') {
        this.table = this.openHeader(step);
        this.scope++;
      } else {
        this.addKeyValue(step);
      }
    }
  }

  private conflict(): never {
    throw new TableConflict('a table or key is defined twice');
  }

  private openHeader(step: HeaderStep): TomlTableNode {
    let current = this.root;
    step.names.forEach((name, i) => {
      const keyRange = step.keyRanges[i] ?? step.range;
      const last = i === step.names.length - 1;
      const existing = current.entries.get(name);
      if (last && step.array) {
        let array = existing?.kind === 'array' && existing.ofTables ? existing : undefined;
        if (!array) {
          if (existing && this.checked) this.conflict();
          array = { kind: 'array', items: [], ofTables: true, range: step.range, keyRange };
          current.entries.set(name, array);
        }
        // An item of an array of tables is named by its whole header (`trigger.http`).
        const item = newTable(step.range, step.range);
        array.items.push(item);
        current = item;
        return;
      }
      if (existing?.kind === 'table') {
        if (this.checked && (existing.inline || (last && !this.implicit.has(existing)))) this.conflict();
        if (last) this.implicit.delete(existing);
        current = existing;
      } else if (existing?.kind === 'array' && existing.items.at(-1)?.kind === 'table') {
        if (this.checked && (last || !existing.ofTables)) this.conflict();
        current = existing.items.at(-1) as TomlTableNode;
      } else {
        if (existing && this.checked) this.conflict();
        const created = newTable(step.range, keyRange);
        if (!last) this.implicit.add(created);
        current.entries.set(name, created);
        current = created;
      }
      if (last) {
        current.range = step.range;
        current.keyRange = keyRange;
      }
    });
    return current;
  }

  private addKeyValue(step: KeyValueStep): void {
    let current = this.table;
    const lastIndex = step.names.length - 1;
    step.names.forEach((name, i) => {
      const existing = current.entries.get(name);
      if (i === lastIndex) {
        if (existing && this.checked) this.conflict();
        current.entries.set(name, step.value);
        return;
      }
      if (existing?.kind === 'table' && !existing.inline) {
        if (this.checked && this.dottedIn.get(existing) !== this.scope) this.conflict();
        current = existing;
      } else {
        if (existing && this.checked) this.conflict();
        const created = newTable(step.range, step.keyRanges[i] ?? step.range);
        this.dottedIn.set(created, this.scope);
        current.entries.set(name, created);
        current = created;
      }
    });
  }
}

function newTable(range: Range, keyRange: Range): TomlTableNode {
  return { kind: 'table', entries: new Map(), inline: false, range, keyRange };
}

/**
 * The tree of a document from its section fragments, in order. With `checked`, sections that
 * conflict throw TableConflict; without it (one fragment of the whole text, which the parser
 * has already checked), the tree is built as given.
 */
export function buildTree(
  fragments: readonly SectionFragment[],
  end: Range['end'],
  checked: boolean,
): TomlTableNode {
  const whole: Range = { start: { line: 0, character: 0 }, end };
  const builder = new TreeBuilder(checked, {
    kind: 'table',
    entries: new Map(),
    inline: false,
    range: whole,
  });
  for (const fragment of fragments) builder.add(fragment);
  return builder.root;
}
