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

/** Renames the component id or variable under the cursor; null if there is none or the new name is invalid. */
export function rename(
  doc: SourceDocument,
  position: Position,
  newName: string,
  _ctx?: LanguageContext,
): WorkspaceEdit | null {
  const at = occurrenceAt(modelOf(doc), position);
  if (!at) return null;
  if (idProblem(newName, at.kind === 'component' ? 'kebab' : 'lower-snake')) return null;
  return { changes: { [doc.uri]: renameEdits(doc, at.kind, at.name, newName) } };
}
