// Hover on a field of a SpinApp / SpinAppExecutor: its path, type, whether it is required, default,
// allowed values and what it does.
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover, LanguageContext, Position, SourceDocument } from '../types';
import { executorSchema } from './executorSchema';
import { LineTable } from '../lineTable';
import { schemaAt, typeLabel, type OpenApiSchema } from './openApi';
import { schemaFor } from './rules/structureRules';
import { spinKubeObjectOf } from './spinKubeObjects';
import { keyName, type YNode } from './yaml/ast';
import { parseYamlStream } from './yaml/parseYamlStream';

interface Located {
  readonly path: string[];
  readonly start: number;
  readonly end: number;
}

/** The field under `offset`: its path (with `[]` for list items) and the key or scalar it is on. */
function fieldAt(node: YNode, offset: number, path: string[] = []): Located | undefined {
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const name = keyName(pair);
      if (offset >= pair.key.start && offset <= pair.key.end) {
        return { path: [...path, name], start: pair.key.start, end: pair.key.end };
      }
      const value = pair.value;
      if (offset >= value.start && offset <= value.end) {
        if (value.kind === 'scalar') return { path: [...path, name], start: value.start, end: value.end };
        return fieldAt(value, offset, [...path, name]);
      }
    }
    return undefined;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) {
      if (offset >= item.start && offset <= item.end) {
        return item.kind === 'scalar'
          ? { path: [...path, '[]'], start: item.start, end: item.end }
          : fieldAt(item, offset, [...path, '[]']);
      }
    }
  }
  return undefined;
}

function pathText(path: readonly string[]): string {
  return path.reduce((out, step) => (step === '[]' ? `${out}[]` : out ? `${out}.${step}` : step), '');
}

function markdown(path: readonly string[], field: OpenApiSchema, parent: OpenApiSchema | undefined): string {
  const last = path[path.length - 1] ?? '';
  const required = parent?.required?.includes(last) ? ' · required' : '';
  const parts = [`**${pathText(path)}** · ${typeLabel(field)}${required}`];
  if (field.description) parts.push(field.description);
  if (field.default !== undefined) parts.push(`Default: \`${JSON.stringify(field.default)}\``);
  if (Array.isArray(field.enum)) {
    parts.push(`Allowed: ${field.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  }
  return parts.join('\n\n');
}

export function hoverK8sYaml(doc: SourceDocument, position: Position, ctx: LanguageContext): Hover | null {
  try {
    const lines = new LineTable(doc.text);
    const offset = lines.offset(position);
    const yamlDoc = parseYamlStream(doc.text, doc.uri).find((d) => offset >= d.start && offset <= d.end);
    const object = yamlDoc ? spinKubeObjectOf(yamlDoc) : undefined;
    if (!object?.kind) return null;
    const root = object.kind === 'SpinApp' ? schemaFor('SpinApp', ctx) : executorSchema;
    const located = fieldAt(object.root, offset);
    if (!located) return null;
    const field = schemaAt(root, located.path);
    if (!field) return null;
    const parent = schemaAt(root, located.path.slice(0, -1));
    return {
      contents: { kind: MarkupKind.Markdown, value: markdown(located.path, field, parent) },
      range: lines.range(located.start, located.end),
    };
  } catch {
    return null;
  }
}
