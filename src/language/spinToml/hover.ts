// Hover: what a key means (from the schema), and what a component id or variable name refers to.
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover, Position, Range, SourceDocument } from '../types';
import { modelOf } from './document';
import type { SpinManifestModel } from './modelTypes';
import { contains } from '../ranges';
import { occurrenceAt } from './occurrences';
import { fieldAt, tableShapeAt } from './schemaLookup';
import { expectedOf } from './schemaTypes';
import type { TomlNode } from './tree';

type Path = (string | number)[];

/** The key under the cursor and its path, searching the whole tree once. */
function keyAt(model: SpinManifestModel, position: Position): { path: Path; range: Range } | undefined {
  const root = model.root;
  if (!root) return undefined;
  let found: { path: Path; range: Range } | undefined;
  const visit = (node: TomlNode, path: Path) => {
    if (found) return;
    if (node.kind === 'table') {
      for (const [key, child] of node.entries) {
        if (child.keyRange && contains(child.keyRange, position)) {
          found = { path: [...path, key], range: child.keyRange };
          return;
        }
        visit(child, [...path, key]);
      }
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(root, []);
  return found;
}

function componentHover(model: SpinManifestModel, id: string): string {
  const component = model.componentsById.get(id);
  if (!component) return `Component \`${id}\` is not defined in this file.`;
  const lines = [`**Component \`${id}\`**`];
  if (component.description) lines.push(component.description.value);
  const source = component.source;
  if (source?.kind === 'path') lines.push(`Source: \`${source.path}\``);
  else if (source?.kind === 'url') lines.push(`Source: ${source.url}`);
  else if (source?.kind === 'registry') lines.push(`Source: \`${source.package}@${source.version}\``);
  if (component.build?.command.length) {
    lines.push(`Build: \`${component.build.command.map((c) => c.value).join(' && ')}\``);
  }
  return lines.join('\n\n');
}

function variableHover(model: SpinManifestModel, name: string): string {
  const variable = model.variablesByName.get(name);
  if (!variable) return `Variable \`${name}\` is not declared in \`[variables]\`.`;
  const lines = [`**Variable \`${name}\`**`];
  if (variable.description) lines.push(variable.description.value);
  if (variable.required?.value) {
    lines.push('Required: set `SPIN_VARIABLE_' + name.toUpperCase() + '` or a variables provider.');
  }
  if (variable.default) lines.push(`Default: \`${variable.default.value}\``);
  if (variable.secret?.value) lines.push('Secret.');
  return lines.join('\n\n');
}

/** For a key the table does not allow: every key it does allow (the diagnostic names only the nearest). */
function unknownKeyHover(name: string, tablePath: Path, layout: 1 | 2): string | undefined {
  const shape = tableShapeAt(tablePath, layout);
  if (!shape || shape.open) return undefined;
  const keys = Object.entries(shape.fields)
    .filter(([, f]) => !f.deprecated)
    .map(([k]) => `\`${k}\``);
  if (keys.length === 0) return undefined;
  return `**\`${name}\`** is not a key of this table. Allowed keys: ${keys.join(', ')}.`;
}

export function hover(doc: SourceDocument, position: Position): Hover | null {
  const model = modelOf(doc);
  const occurrence = occurrenceAt(model, position);
  if (occurrence) {
    const value =
      occurrence.kind === 'component'
        ? componentHover(model, occurrence.name)
        : variableHover(model, occurrence.name);
    return { contents: { kind: MarkupKind.Markdown, value }, range: occurrence.range };
  }
  const key = keyAt(model, position);
  if (!key) return null;
  const name = String(key.path[key.path.length - 1]);
  const field = fieldAt(key.path, model.layout);
  if (!field) {
    const value = unknownKeyHover(name, key.path.slice(0, -1), model.layout);
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range: key.range } : null;
  }
  const deprecated = field.deprecated ? ' (deprecated)' : '';
  const value = `**\`${name}\`**${deprecated} — ${expectedOf(field.shape)}${field.required ? ', required' : ''}\n\n${field.doc}`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: key.range };
}
