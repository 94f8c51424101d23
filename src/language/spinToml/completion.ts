// Completion for spin.toml: table headers, keys of the table at the cursor (from the schema),
// enum and boolean values, component ids after `component =`, trigger types, and variable
// names inside `{{ }}`, and string values Spin has a grammar for (stringCompletion.ts). Works
// from the text around the cursor, so it also works mid-typing.
import { CompletionItemKind, CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import type { CompletionItem, LanguageContext, Position, Range, SourceDocument } from '../types';
import { modelOf } from './document';
import { fieldAt, tableShapeAt } from './schemaLookup';
import { KNOWN_TRIGGER_TYPES } from './schemaV2';
import type { Field, Shape } from './schemaTypes';
import { expectedOf } from './schemaTypes';
import { stringValueItems } from './stringCompletion';
import { stringContextAt } from './stringContext';
import { scanComponentIds, scanVariableNames, tablePathAt } from './textScan';

function layoutOf(lines: readonly string[], doc: SourceDocument): 1 | 2 {
  const model = modelOf(doc);
  if (model.root) return model.layout;
  return lines.some((l) =>
    /^\s*spin_manifest_version\s*=\s*"1"|^\s*spin_version\s*=|^\s*\[\[component\]\]/.test(l),
  )
    ? 1
    : 2;
}

function snippetFor(key: string, shape: Shape): string {
  const s = shape.type === 'oneOf' ? (shape.options[0] ?? shape) : shape;
  switch (s.type) {
    case 'string':
      return s.values ? `${key} = "\${1|${s.values.join(',')}|}"` : `${key} = "$1"`;
    case 'boolean':
      return `${key} = \${1|true,false|}`;
    case 'integer':
      return `${key} = $1`;
    case 'array':
      return s.items.type === 'string' ? `${key} = ["$1"]` : `${key} = [$1]`;
    case 'table':
    case 'map':
      return `${key} = { $1 }`;
    default:
      return `${key} = $1`;
  }
}

function keyItems(
  fields: Readonly<Record<string, Field>>,
  present: ReadonlySet<string>,
  range: Range,
): CompletionItem[] {
  return Object.entries(fields)
    .filter(([key]) => !present.has(key))
    .map(([key, field]) => ({
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${expectedOf(field.shape)}${field.required ? ' (required)' : ''}`,
      documentation: { kind: 'markdown', value: field.doc },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippetFor(key, field.shape) },
      sortText: `${field.required ? '0' : field.deprecated ? '2' : '1'}${key}`,
      ...(field.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    }));
}

function headerItems(lines: readonly string[], layout: 1 | 2, range: Range): CompletionItem[] {
  const headers: { label: string; snippet?: string }[] = [];
  if (layout === 1) {
    headers.push(
      { label: '[[component]]' },
      { label: '[component.trigger]' },
      { label: '[component.build]' },
    );
  } else {
    headers.push({ label: '[application]' }, { label: '[variables]' });
    for (const type of KNOWN_TRIGGER_TYPES) headers.push({ label: `[[trigger.${type}]]` });
    headers.push({ label: '[component.<id>]', snippet: '[component.${1:name}]' });
    for (const id of scanComponentIds(lines)) {
      headers.push({ label: `[component.${id}.build]` }, { label: `[component.${id}.dependencies]` });
    }
  }
  return headers.map((h) => ({
    label: h.label,
    kind: CompletionItemKind.Module,
    insertTextFormat: h.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: h.snippet ?? h.label },
  }));
}

function valueItems(
  values: readonly string[],
  kind: CompletionItemKind,
  quoted: boolean,
  range: Range,
  detail: string,
): CompletionItem[] {
  return values.map((v) => ({ label: v, kind, detail, textEdit: { range, newText: quoted ? v : `"${v}"` } }));
}

function presentKeys(lines: readonly string[], line: number): Set<string> {
  const keys = new Set<string>();
  for (let i = line - 1; i >= 0 && !/^\s*\[/.test(lines[i] ?? ''); i--) {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(lines[i] ?? '');
    if (m?.[1]) keys.add(m[1]);
  }
  for (let i = line + 1; i < lines.length && !/^\s*\[/.test(lines[i] ?? ''); i++) {
    const m = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(lines[i] ?? '');
    if (m?.[1]) keys.add(m[1]);
  }
  return keys;
}

export function complete(
  doc: SourceDocument,
  position: Position,
  ctx: LanguageContext = {},
): CompletionItem[] {
  const lines = doc.text.split(/\r?\n/);
  const lineText = lines[position.line] ?? '';
  const before = lineText.slice(0, position.character);
  const layout = layoutOf(lines, doc);
  const at = (fromCharacter: number): Range => ({
    start: { line: position.line, character: fromCharacter },
    end: position,
  });

  const openTemplate = before.lastIndexOf('{{');
  if (openTemplate !== -1 && before.indexOf('}}', openTemplate) === -1) {
    const typed = /[A-Za-z0-9_]*$/.exec(before)?.[0] ?? '';
    const names = scanVariableNames(lines);
    return names.map((n) => ({
      label: n,
      kind: CompletionItemKind.Variable,
      detail: 'application variable',
      textEdit: { range: at(position.character - typed.length), newText: n },
    }));
  }

  const header = /^(\s*)\[\[?[^\]]*$/.exec(before);
  if (header) {
    const typedTrigger = /^\s*\[\[\s*trigger\.([A-Za-z0-9_-]*)$/.exec(before);
    if (typedTrigger && layout === 2) {
      const from = position.character - (typedTrigger[1]?.length ?? 0);
      return KNOWN_TRIGGER_TYPES.map((t) => ({
        label: t,
        kind: CompletionItemKind.EnumMember,
        detail: 'trigger type',
        textEdit: { range: at(from), newText: t },
      }));
    }
    return headerItems(lines, layout, at(header[1]?.length ?? 0));
  }

  const path = tablePathAt(lines, position.line);
  const inString = stringContextAt(lines, position.line, position.character);
  if (inString) {
    const items = stringValueItems({ uri: doc.uri, lines, position, path, layout, ctx }, inString);
    if (items) return items;
  }
  const inlineOpen = /([A-Za-z0-9_-]+)\s*=\s*\{[^}]*$/.exec(before);
  const valueMatch = /(?:^|[{,])\s*([A-Za-z0-9_-]+)\s*=\s*("?)([^"]*)$/.exec(before);
  if (valueMatch) {
    const key = valueMatch[1] ?? '';
    const quoted = valueMatch[2] === '"';
    const typed = valueMatch[3] ?? '';
    const range = at(position.character - typed.length);
    const fullPath =
      inlineOpen && inlineOpen.index < (valueMatch.index ?? 0) ? [...path, inlineOpen[1] ?? ''] : path;
    if (
      key === 'component' &&
      (layout === 2 ? fullPath[0] === 'trigger' || fullPath.includes('dependencies') : false)
    ) {
      return valueItems(scanComponentIds(lines), CompletionItemKind.Reference, quoted, range, 'component');
    }
    if (key === 'type' && layout === 1 && fullPath.length === 1 && fullPath[0] === 'trigger') {
      return valueItems(KNOWN_TRIGGER_TYPES, CompletionItemKind.EnumMember, quoted, range, 'trigger type');
    }
    const field = fieldAt([...fullPath, key], layout);
    const shape = field?.shape.type === 'oneOf' ? field.shape.options[0] : field?.shape;
    if (shape?.type === 'string' && shape.values) {
      return valueItems(shape.values, CompletionItemKind.EnumMember, quoted, range, key);
    }
    if (shape?.type === 'boolean' && !quoted) {
      return ['true', 'false'].map((v) => ({
        label: v,
        kind: CompletionItemKind.Value,
        textEdit: { range, newText: v },
      }));
    }
    return [];
  }

  const keyMatch = /(?:^\s*|[{,]\s*)([A-Za-z0-9_-]*)$/.exec(before);
  if (!keyMatch) return [];
  const typed = keyMatch[1] ?? '';
  const range = at(position.character - typed.length);
  if (inlineOpen) {
    const shape = tableShapeAt([...path, inlineOpen[1] ?? ''], layout);
    const present = new Set([...before.matchAll(/([A-Za-z0-9_-]+)\s*=/g)].map((m) => m[1] ?? ''));
    return shape ? keyItems(shape.fields, present, range) : [];
  }
  const shape = tableShapeAt(path, layout);
  return shape ? keyItems(shape.fields, presentKeys(lines, position.line), range) : [];
}
