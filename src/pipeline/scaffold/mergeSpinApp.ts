// Scaffolding into an existing spinapp.yaml: the user's file is kept — its other documents, its
// comments, every field they added (replicas, variables, resources…) — and only what scaffold
// owns is changed in its SpinApp: spec.image, spec.executor, spec.components (when scaffold names
// components), and an entry for each required variable the file does not set yet. A file with no
// SpinApp gets the scaffolded one appended.
import { Document, isMap, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import type { ScaffoldResult } from './spinAppDocuments';

export interface MergedSpinApp {
  /** The file's new text. */
  readonly text: string;
  /** Whether the text differs from the existing one. */
  readonly changed: boolean;
}

/** How the file indents sequences under a key (`key:\n  - item`, or `key:\n- item` as scaffold writes). */
function toStringOptions(existing: string): { indentSeq: boolean; lineWidth: number } {
  return { indentSeq: /^( *)[^\s#][^\n]*:[ \t]*\n\1 +- /m.test(existing), lineWidth: 0 };
}

export function mergeSpinApp(existing: string, scaffolded: ScaffoldResult): MergedSpinApp {
  const scaffoldApp = scaffolded.objects.find((o) => o.kind === 'SpinApp')?.object as
    { spec?: Record<string, unknown> } | undefined;
  const documents = parseAllDocuments(existing);
  const list = Array.isArray(documents) ? documents : [];
  const target = list.find((doc) => doc.errors.length === 0 && doc.get('kind') === 'SpinApp');
  if (!target || !scaffoldApp?.spec || !isMap(target.contents)) {
    const separator = existing.trim() === '' ? '' : existing.endsWith('\n') ? '---\n' : '\n---\n';
    const text = `${existing}${separator}${scaffolded.yaml}`;
    return { text, changed: text !== existing };
  }
  const spec = scaffoldApp.spec;
  setScalar(target, ['spec', 'image'], spec.image);
  setScalar(target, ['spec', 'executor'], spec.executor);
  if (Array.isArray(spec.components)) {
    target.setIn(['spec', 'components'], target.createNode(spec.components));
  }
  addRequiredVariables(target, spec.variables);
  const text = joinDocuments(list, toStringOptions(existing));
  return { text, changed: text !== existing };
}

/** Sets a scalar, keeping the node (and its comment and quoting) when it is one already. */
function setScalar(doc: Document.Parsed, path: readonly string[], value: unknown): void {
  if (value === undefined) return;
  if (doc.getIn(path) === value) return;
  doc.setIn(path, value);
}

/** Adds `{name, value}` entries for the scaffolded (required) variables the file does not name. */
function addRequiredVariables(doc: Document.Parsed, scaffolded: unknown): void {
  if (!Array.isArray(scaffolded) || scaffolded.length === 0) return;
  const node = doc.getIn(['spec', 'variables'], true);
  const present = new Set<string>();
  if (isSeq(node)) {
    for (const item of node.items) {
      if (isMap(item)) present.add(String((item as YAMLMap).get('name')));
    }
  }
  const missing = scaffolded.filter(
    (v): v is { name: string } => typeof v === 'object' && v !== null && !present.has(String(v.name)),
  );
  if (missing.length === 0) return;
  if (isSeq(node)) for (const v of missing) node.add(doc.createNode(v));
  else doc.setIn(['spec', 'variables'], doc.createNode(missing));
}

/** The documents as one stream, separated by `---`. */
function joinDocuments(
  list: readonly Document.Parsed[],
  options: { indentSeq: boolean; lineWidth: number },
): string {
  return list
    .map((doc, index) => {
      const text = doc.toString(options);
      return index === 0 || text.startsWith('---') ? text : `---\n${text}`;
    })
    .join('');
}
