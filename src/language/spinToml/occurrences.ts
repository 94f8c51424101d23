// Every place a component id or an application variable name is written: declarations
// (`[component.<id>]`, `[variables] name = …`) and references (trigger `component = "<id>"`,
// dependency `{ component = "<id>" }`, `{{ name }}` templates). Ranges cover the name only (no
// quotes), so definition, references and rename can use them directly.
import { contains } from '../ranges';
import type { Position, Range } from '../types';
import type { Located, SpinManifestModel } from './modelTypes';
import { parseTemplate } from './templates';
import { rangeInString, templatedValues } from './rules/variableRules';

export type OccurrenceKind = 'component' | 'variable';

export interface Occurrence {
  readonly kind: OccurrenceKind;
  readonly name: string;
  readonly range: Range;
  readonly declaration: boolean;
}

/** Shrinks a quoted single-line key or string range to its content. */
function unquoted(range: Range, text: string, lines: { offset(p: Position): number }): Range {
  if (range.start.line !== range.end.line) return range;
  const first = text.charAt(lines.offset(range.start));
  if (first !== '"' && first !== "'") return range;
  return {
    start: { line: range.start.line, character: range.start.character + 1 },
    end: { line: range.end.line, character: Math.max(range.start.character + 1, range.end.character - 1) },
  };
}

export function occurrencesOf(model: SpinManifestModel): Occurrence[] {
  const { text, lines } = model.parse;
  const out: Occurrence[] = [];
  const bare = (r: Range) => unquoted(r, text, lines);
  for (const component of model.components) {
    if (!component.inline) {
      out.push({ kind: 'component', name: component.id, range: bare(component.idRange), declaration: true });
    }
    for (const dep of component.dependencies) {
      if (dep.spec.kind === 'component') {
        const c = dep.spec.component;
        out.push({ kind: 'component', name: c.value, range: bare(c.range), declaration: false });
      }
    }
  }
  if (model.layout === 2) {
    // Sub-tables name their component too: `[component.<id>.build]`, `[component.<id>.dependencies]`.
    for (const header of model.parse.headers) {
      const id = header.names[1];
      const range = header.keyRanges[1];
      if (header.names[0] !== 'component' || header.names.length < 3 || id === undefined || !range) continue;
      if (!model.componentsById.has(id)) continue;
      out.push({ kind: 'component', name: id, range: bare(range), declaration: false });
    }
    for (const trigger of model.triggers) {
      if (trigger.component?.kind === 'ref') {
        out.push({
          kind: 'component',
          name: trigger.component.id,
          range: bare(trigger.component.range),
          declaration: false,
        });
      }
    }
  }
  for (const variable of model.variables) {
    out.push({ kind: 'variable', name: variable.name, range: bare(variable.nameRange), declaration: true });
  }
  for (const value of templatedValues(model)) out.push(...templateOccurrences(value));
  return out;
}

function templateOccurrences(value: Located<string>): Occurrence[] {
  const parsed = parseTemplate(value.value);
  if (!parsed.ok) return [];
  return parsed.references.map((ref) => ({
    kind: 'variable' as const,
    name: ref.name,
    range: rangeInString(value, ref.start, ref.end),
    declaration: false,
  }));
}

export function occurrenceAt(model: SpinManifestModel, position: Position): Occurrence | undefined {
  return occurrencesOf(model).find((o) => contains(o.range, position));
}
