// Document outline: application, variables, triggers and components.
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol, Range, SourceDocument } from '../types';
import { modelOf } from './document';
import type { TomlNode } from './tree';

function later(a: Range['end'], b: Range['end']): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}

/** The range from a node's header or key to the end of its last value. */
function extentOf(node: TomlNode, from: Range = node.keyRange ?? node.range): Range {
  let end = later(node.range.end, from.end) ? node.range.end : from.end;
  const visit = (n: TomlNode) => {
    if (later(n.range.end, end)) end = n.range.end;
    if (n.kind === 'table') n.entries.forEach(visit);
    else if (n.kind === 'array') n.items.forEach(visit);
  };
  visit(node);
  return { start: from.start, end };
}

function symbol(
  name: string,
  kind: SymbolKind,
  range: Range,
  selectionRange: Range,
  children?: DocumentSymbol[],
  detail?: string,
): DocumentSymbol {
  return {
    name,
    kind,
    range,
    selectionRange,
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  };
}

export function documentSymbols(doc: SourceDocument): DocumentSymbol[] {
  const model = modelOf(doc);
  const root = model.root;
  if (!root) return [];
  const out: DocumentSymbol[] = [];
  const app = model.application;
  const appName = app.name?.value ?? 'application';
  const appNode = model.layout === 2 ? root.entries.get('application') : undefined;
  if (appNode) {
    out.push(
      symbol(
        appName,
        SymbolKind.Package,
        extentOf(appNode),
        appNode.keyRange ?? appNode.range,
        undefined,
        app.version?.value,
      ),
    );
  } else if (app.name) {
    out.push(
      symbol(
        appName,
        SymbolKind.Package,
        app.name.keyRange ?? app.name.range,
        app.name.keyRange ?? app.name.range,
        undefined,
        app.version?.value,
      ),
    );
  }

  const variablesNode = root.entries.get('variables');
  if (variablesNode && model.variables.length > 0) {
    const children = model.variables.map((v) => {
      const node = variablesNode.kind === 'table' ? variablesNode.entries.get(v.name) : undefined;
      const range = node ? extentOf(node) : v.nameRange;
      return symbol(
        v.name,
        SymbolKind.Variable,
        range,
        v.nameRange,
        undefined,
        v.default ? `default ${v.default.value}` : v.required?.value ? 'required' : undefined,
      );
    });
    out.push(
      symbol(
        'variables',
        SymbolKind.Namespace,
        extentOf(variablesNode),
        variablesNode.keyRange ?? variablesNode.range,
        children,
      ),
    );
  }

  for (const trigger of model.triggers) {
    const route = trigger.node.entries.get('route') ?? trigger.node.entries.get('channel');
    const label = route && route.kind === 'string' ? ` ${String(route.value)}` : '';
    const target =
      trigger.component?.kind === 'ref'
        ? trigger.component.id
        : trigger.component?.kind === 'inline'
          ? trigger.component.componentId
          : undefined;
    const range = extentOf(trigger.node, trigger.range);
    out.push(
      symbol(
        `${trigger.type}${label}`,
        SymbolKind.Event,
        range,
        trigger.range,
        undefined,
        target ? `→ ${target}` : undefined,
      ),
    );
  }

  for (const component of model.components) {
    if (component.inline) continue;
    const range = extentOf(component.node, model.layout === 2 ? component.idRange : component.node.range);
    const selection = component.idRange;
    const source = component.source?.kind === 'path' ? component.source.path : component.source?.kind;
    out.push(symbol(component.id, SymbolKind.Module, range, selection, undefined, source));
  }
  return out;
}
