// Go to definition, find references and rename, for component ids and variable names.
import type { LanguageContext, Location, Position, SourceDocument, TextEdit, WorkspaceEdit } from '../types';
import { modelOf } from './document';
import { idProblem } from './identifiers';
import { occurrenceAt, occurrencesOf, type Occurrence } from './occurrences';

function sameSymbol(a: Occurrence, b: Occurrence): boolean {
  return a.kind === b.kind && a.name === b.name;
}

export function definition(doc: SourceDocument, position: Position, _ctx?: LanguageContext): Location[] {
  const model = modelOf(doc);
  const at = occurrenceAt(model, position);
  if (!at) return [];
  return occurrencesOf(model)
    .filter((o) => o.declaration && sameSymbol(o, at))
    .map((o) => ({ uri: doc.uri, range: o.range }));
}

export function references(doc: SourceDocument, position: Position, _ctx?: LanguageContext): Location[] {
  const model = modelOf(doc);
  const at = occurrenceAt(model, position);
  if (!at) return [];
  return occurrencesOf(model)
    .filter((o) => sameSymbol(o, at))
    .map((o) => ({ uri: doc.uri, range: o.range }));
}

/** Edits renaming a component id or variable everywhere in the file. */
export function renameEdits(
  doc: SourceDocument,
  kind: Occurrence['kind'],
  name: string,
  newName: string,
): TextEdit[] {
  return occurrencesOf(modelOf(doc))
    .filter((o) => o.kind === kind && o.name === name)
    .map((o) => ({ range: o.range, newText: newName }));
}

/**
 * Why `newName` cannot be a component id or variable name (Spin's reason), or undefined if it can;
 * `typed` is the name as the user wrote it, when that differs (a SpinApp's upper-case variable).
 */
export function newIdProblem(kind: Occurrence['kind'], newName: string, typed = newName): string | undefined {
  const problem = idProblem(newName, kind === 'component' ? 'kebab' : 'lower-snake');
  if (problem === undefined) return undefined;
  const what = kind === 'component' ? 'component id' : 'variable name';
  return `"${typed}" is not a valid ${what}: ${problem === 'empty' ? 'it is empty' : problem}.`;
}

/** Why renaming at a position to `newName` makes no edit: no name there, or an invalid new name. */
export function renameProblem(
  doc: SourceDocument,
  position: Position,
  newName: string,
  _ctx?: LanguageContext,
): string | undefined {
  const at = occurrenceAt(modelOf(doc), position);
  return at ? newIdProblem(at.kind, newName) : undefined;
}

/** Renames the component id or variable under the cursor; null if there is none or the new name is invalid. */
export function rename(
  doc: SourceDocument,
  position: Position,
  newName: string,
  _ctx?: LanguageContext,
): WorkspaceEdit | null {
  const at = occurrenceAt(modelOf(doc), position);
  if (!at) return null;
  if (newIdProblem(at.kind, newName)) return null;
  return { changes: { [doc.uri]: renameEdits(doc, at.kind, at.name, newName) } };
}
