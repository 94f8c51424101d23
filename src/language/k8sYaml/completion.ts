// Completion in SpinApp / SpinAppExecutor documents: field names per level (from the installed CRD
// or the bundled description), enum and boolean values, executor names, and the component ids and
// variable names of the app's spin.toml.
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, LanguageContext, Position, SourceDocument } from '../types';
import { cursorContext, type CursorContext } from './cursorContext';
import { executorSchema } from './executorSchema';
import { LineTable } from '../lineTable';
import { schemaAt, typeLabel, type OpenApiSchema } from './openApi';
import { schemaFor } from './rules/structureRules';
import { CURRENT_API_VERSION, KNOWN_KINDS, spinKubeObjects } from './spinKubeObjects';
import { ManifestFinder } from './spinTomlFacts';
import { parseYamlStream } from './yaml/parseYamlStream';

const HIDDEN_ROOT_FIELDS = new Set(['status']);

export function completeK8sYaml(
  doc: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): CompletionItem[] {
  try {
    const lines = new LineTable(doc.text);
    const offset = lines.offset(position);
    const cursor = cursorContext(doc.text, offset);
    const range = lines.range(cursor.wordStart, offset);
    if (cursor.mode === 'value' && cursor.path.length === 0 && cursor.key === 'apiVersion') {
      return [valueItem(CURRENT_API_VERSION, 'SpinKube API (SpinApp, SpinAppExecutor)', range)];
    }
    if (!cursor.isSpinKube) return [];
    if (cursor.mode === 'value' && cursor.path.length === 0 && cursor.key === 'kind') {
      return KNOWN_KINDS.map((k) =>
        valueItem(k, k === 'SpinApp' ? 'A Spin app run by the operator' : 'How SpinApps are run', range),
      );
    }
    const root = rootSchema(cursor.kind, ctx);
    if (!root) return [];
    if (cursor.mode === 'key') {
      return [...fieldItems(root, cursor, range), ...listValueItems(doc, cursor, ctx, range)];
    }
    return valueItems(doc, root, cursor, ctx, range);
  } catch {
    return [];
  }
}

function rootSchema(kind: string | undefined, ctx: LanguageContext): OpenApiSchema | undefined {
  if (kind === 'SpinApp') return schemaFor('SpinApp', ctx);
  if (kind === 'SpinAppExecutor') return executorSchema;
  return undefined;
}

type EditRange = ReturnType<LineTable['range']>;

function fieldItems(root: OpenApiSchema, cursor: CursorContext, range: EditRange): CompletionItem[] {
  const schema = schemaAt(root, cursor.path);
  const properties = schema?.properties;
  if (!properties) return [];
  const required = new Set(schema.required ?? []);
  const items: CompletionItem[] = [];
  for (const [name, field] of Object.entries(properties)) {
    if (cursor.siblings.has(name)) continue;
    if (cursor.path.length === 0 && HIDDEN_ROOT_FIELDS.has(name)) continue;
    const indent = ' '.repeat(cursor.column + 2);
    let insert = `${name}: `;
    if (field.type === 'object' && !field.enum) insert = `${name}:\n${indent}`;
    else if (field.type === 'array' && field.items?.type === 'object') insert = `${name}:\n${indent}- `;
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(field)}${required.has(name) ? ' (required)' : ''}`,
      ...(field.description
        ? { documentation: { kind: MarkupKind.Markdown, value: field.description } }
        : {}),
      sortText: `${required.has(name) ? '0' : '1'}${name}`,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: insert },
    });
  }
  return items;
}

function valueItem(value: string, detail: string, range: EditRange): CompletionItem {
  return { label: value, kind: CompletionItemKind.Value, detail, textEdit: { range, newText: value } };
}

function valueItems(
  doc: SourceDocument,
  root: OpenApiSchema,
  cursor: CursorContext,
  ctx: LanguageContext,
  range: EditRange,
): CompletionItem[] {
  const key = cursor.key ?? '';
  const field = schemaAt(root, [...cursor.path, key]);
  if (!field) return [];
  if (cursor.kind === 'SpinApp' && cursor.path.join('.') === 'spec' && key === 'executor') {
    return executorNames(doc, cursor, ctx).map((n) => valueItem(n.name, n.where, range));
  }
  if (cursor.kind === 'SpinApp' && cursor.path.join('.') === 'spec.variables.[]' && key === 'name') {
    return manifestOf(doc, cursor, ctx).variables.map((v) =>
      valueItem(v, 'application variable in spin.toml', range),
    );
  }
  if (Array.isArray(field.enum)) {
    return field.enum.map((v) =>
      valueItem(typeof v === 'string' && v === '' ? '""' : String(v), 'allowed value', range),
    );
  }
  if (field.type === 'boolean') return ['true', 'false'].map((v) => valueItem(v, 'boolean', range));
  return [];
}

/** Items of string lists typed as `- item`: component ids for spec.components. */
function listValueItems(
  doc: SourceDocument,
  cursor: CursorContext,
  ctx: LanguageContext,
  range: EditRange,
): CompletionItem[] {
  if (cursor.kind !== 'SpinApp' || cursor.path.join('.') !== 'spec.components.[]') return [];
  return manifestOf(doc, cursor, ctx).components.map((c) => valueItem(c, 'component in spin.toml', range));
}

function manifestOf(
  doc: SourceDocument,
  cursor: CursorContext,
  ctx: LanguageContext,
): { components: string[]; variables: string[] } {
  if (!ctx.workspace) return { components: [], variables: [] };
  const docText = doc.text.slice(cursor.docStart, cursor.docEnd);
  const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([^\s"'#]+)/m.exec(docText)?.[1];
  const manifest = new ManifestFinder(ctx.workspace).forApp(doc.uri, name);
  return {
    components: [...(manifest?.componentIds ?? [])],
    variables: [...(manifest?.variables.keys() ?? [])],
  };
}

function executorNames(
  doc: SourceDocument,
  cursor: CursorContext,
  ctx: LanguageContext,
): { name: string; where: string }[] {
  const docText = doc.text.slice(cursor.docStart, cursor.docEnd);
  const namespace =
    /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+namespace:\s*["']?([^\s"'#]+)/m.exec(docText)?.[1] ??
    ctx.cluster?.defaultNamespace;
  const out = new Map<string, string>();
  for (const object of spinKubeObjects(parseYamlStream(doc.text, doc.uri))) {
    if (object.kind === 'SpinAppExecutor' && object.name) {
      out.set(object.name, 'SpinAppExecutor in this file');
    }
  }
  const byNamespace = ctx.cluster?.executorsByNamespace ?? {};
  for (const name of (namespace !== undefined ? byNamespace[namespace] : undefined) ?? []) {
    if (!out.has(name)) out.set(name, `SpinAppExecutor in namespace ${namespace ?? ''}`);
  }
  if (out.size === 0) out.set('containerd-shim-spin', 'the default executor of SpinKube installs');
  return [...out].map(([name, where]) => ({ name, where }));
}
