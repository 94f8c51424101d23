// Outline of a YAML file: each SpinApp and SpinAppExecutor with its main spec fields.
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol, SourceDocument } from '../types';
import { LineTable } from '../lineTable';
import { spinKubeObjects } from './spinKubeObjects';
import { keyName, type YNode } from './yaml/ast';
import { parseYamlStream } from './yaml/parseYamlStream';

function summary(node: YNode): string {
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  if (node.kind === 'seq') return `${node.items.length} item${node.items.length === 1 ? '' : 's'}`;
  return `${node.pairs.length} field${node.pairs.length === 1 ? '' : 's'}`;
}

export function symbolsK8sYaml(doc: SourceDocument): DocumentSymbol[] {
  try {
    const lines = new LineTable(doc.text);
    return spinKubeObjects(parseYamlStream(doc.text, doc.uri))
      .filter((o) => o.kind)
      .map((object) => {
        const selection = object.namePair?.value ?? object.apiVersion;
        const children: DocumentSymbol[] = (object.spec?.pairs ?? []).map((pair) => ({
          name: keyName(pair),
          detail: summary(pair.value),
          kind: pair.value.kind === 'scalar' ? SymbolKind.Property : SymbolKind.Field,
          range: lines.range(pair.key.start, Math.max(pair.key.end, pair.value.end)),
          selectionRange: lines.range(pair.key.start, pair.key.end),
        }));
        const start = object.root.start;
        return {
          name: object.name ?? '(unnamed)',
          detail: object.namespace ? `${object.kind ?? ''} · ${object.namespace}` : (object.kind ?? ''),
          kind: object.kind === 'SpinApp' ? SymbolKind.Class : SymbolKind.Module,
          range: lines.range(start, Math.max(object.root.end, selection.end)),
          selectionRange: lines.range(selection.start, selection.end),
          children,
        };
      });
  } catch {
    return [];
  }
}
