// Quick fixes, attached to diagnostics by their code (and `data`): rename an id to kebab-case
// everywhere, declare a missing variable, add a stub component, replace `insecure:allow-all`,
// convert `allowed_http_hosts`, rename a misspelt key, add the version key, migrate v1 to v2.
import TOML from '@iarna/toml';
import type { CodeAction, Diagnostic, Range, SourceDocument, TextEdit } from '../types';
import { quickFix } from '../quickFix';
import { modelOf } from './document';
import type { ComponentModel, SpinManifestModel } from './modelTypes';
import { migrateV1ToV2 } from './migrateV1';
import { renameEdits } from './navigation';
import { convertHttpHosts } from './outboundHosts';
import { outboundHostRepairs } from './outboundHostRepairs';
import {
  CODE_INVALID_COMPONENT_ID,
  CODE_INVALID_COMPONENT_REF,
  CODE_INVALID_VARIABLE_NAME,
  type InvalidIdData,
} from './rules/identifierRules';
import {
  CODE_DEPRECATED_HTTP_HOSTS,
  CODE_INSECURE_ALLOW_ALL,
  CODE_OUTBOUND_HOST,
  type DeprecatedHttpHostsData,
  type OutboundHostData,
} from './rules/outboundHostRules';
import { CODE_UNKNOWN_KEY, type UnknownKeyData } from './rules/schemaRule';
import { CODE_MISSING_COMPONENT, type MissingComponentData } from './rules/triggerRules';
import { CODE_DEPENDENCY_COMPONENT } from './rules/dependencyRules';
import { CODE_UNDECLARED_VARIABLE, type UndeclaredVariableData } from './rules/variableRules';
import { CODE_V1_MANIFEST, CODE_VERSION_MISSING } from './rules/versionRule';

type JsonMap = Parameters<typeof TOML.stringify>[0];

function dataOf<T>(diagnostic: Diagnostic): Partial<T> {
  return (
    typeof diagnostic.data === 'object' && diagnostic.data !== null ? diagnostic.data : {}
  ) as Partial<T>;
}

const pos = (line: number, character = 0) => ({ line, character });

function endOfDocument(model: SpinManifestModel): Range {
  const p = model.parse.lines.position(model.parse.text.length);
  return { start: p, end: p };
}

/** Text to append at the end of the document, separated by one blank line. */
function appendBlock(model: SpinManifestModel, block: string): TextEdit {
  const text = model.parse.text;
  const separator = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { range: endOfDocument(model), newText: separator + block };
}

function declareVariable(model: SpinManifestModel, name: string): TextEdit {
  const variables = model.root?.entries.get('variables');
  const key = /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
  const entry = `${key} = { required = true }\n`;
  if (variables?.kind === 'table' && !variables.inline && variables.keyRange) {
    // Insert on the line after the `[variables]` header (or the dotted `variables.x` key).
    const line = variables.range.end.line + 1;
    return { range: { start: pos(line), end: pos(line) }, newText: entry };
  }
  const block = `[variables]\n${entry}`;
  const later = ['trigger', 'component']
    .map((k) => model.root?.entries.get(k)?.range.start.line)
    .filter((l): l is number => l !== undefined);
  if (later.length > 0) {
    const at = pos(Math.min(...later));
    return { range: { start: at, end: at }, newText: `${block}\n` };
  }
  return appendBlock(model, block);
}

function stubComponent(model: SpinManifestModel, id: string): TextEdit {
  const block =
    model.layout === 1
      ? `[[component]]\nid = "${id}"\nsource = "${id}.wasm"\n[component.trigger]\n`
      : TOML.stringify({ component: { [id]: { source: `${id}.wasm` } } } as JsonMap);
  return appendBlock(model, block);
}

function keyValueLine(range: Range): Range {
  return { start: pos(range.start.line), end: pos(range.end.line + 1) };
}

function httpHostsFix(model: SpinManifestModel, component: ComponentModel): TextEdit[] {
  const httpNode = component.node.entries.get('allowed_http_hosts');
  if (!httpNode?.keyRange) return [];
  const converted = convertHttpHosts(component.allowedHttpHosts.map((h) => h.value));
  const outboundNode = component.node.entries.get('allowed_outbound_hosts');
  if (outboundNode) {
    const merged = [...new Set([...component.allowedOutboundHosts.map((h) => h.value), ...converted])];
    return [
      { range: outboundNode.range, newText: JSON.stringify(merged).replace(/","/g, '", "') },
      { range: keyValueLine({ start: httpNode.keyRange.start, end: httpNode.range.end }), newText: '' },
    ];
  }
  return [
    { range: httpNode.keyRange, newText: 'allowed_outbound_hosts' },
    { range: httpNode.range, newText: JSON.stringify(converted).replace(/","/g, '", "') },
  ];
}

/** A fix that replaces the diagnostic's range with `newText`. */
function replaceWith(
  title: string,
  doc: SourceDocument,
  diagnostic: Diagnostic,
  newText: string,
  preferred = true,
): CodeAction {
  return quickFix(title, doc.uri, [{ range: diagnostic.range, newText }], diagnostic, preferred);
}

function fixesFor(doc: SourceDocument, model: SpinManifestModel, diagnostic: Diagnostic): CodeAction[] {
  switch (diagnostic.code) {
    case CODE_INVALID_COMPONENT_ID:
    case CODE_INVALID_COMPONENT_REF: {
      const { id, suggestion } = dataOf<InvalidIdData>(diagnostic);
      if (!id || !suggestion) return [];
      return [
        quickFix(
          `Rename component to \`${suggestion}\``,
          doc.uri,
          renameEdits(doc, 'component', id, suggestion),
          diagnostic,
        ),
      ];
    }
    case CODE_INVALID_VARIABLE_NAME: {
      const { id, suggestion } = dataOf<InvalidIdData>(diagnostic);
      if (!id || !suggestion) return [];
      const edits = model.variablesByName.has(id)
        ? renameEdits(doc, 'variable', id, suggestion)
        : [{ range: diagnostic.range, newText: suggestion }];
      return [quickFix(`Rename variable to \`${suggestion}\``, doc.uri, edits, diagnostic)];
    }
    case CODE_UNDECLARED_VARIABLE: {
      const { name } = dataOf<UndeclaredVariableData>(diagnostic);
      if (!name) return [];
      return [
        quickFix(
          `Declare variable \`${name}\` in [variables]`,
          doc.uri,
          [declareVariable(model, name)],
          diagnostic,
        ),
      ];
    }
    case CODE_MISSING_COMPONENT:
    case CODE_DEPENDENCY_COMPONENT: {
      const { id, suggestion } = dataOf<MissingComponentData>(diagnostic);
      if (!id) return [];
      const add = quickFix(
        `Add component \`${id}\``,
        doc.uri,
        [stubComponent(model, id)],
        diagnostic,
        !suggestion,
      );
      if (!suggestion) return [add];
      return [replaceWith(`Change to \`${suggestion}\``, doc, diagnostic, JSON.stringify(suggestion)), add];
    }
    case CODE_INSECURE_ALLOW_ALL:
      return [replaceWith("Replace with '*://*:*'", doc, diagnostic, '"*://*:*"')];
    case CODE_OUTBOUND_HOST: {
      const { entry } = dataOf<OutboundHostData>(diagnostic);
      if (typeof entry !== 'string') return [];
      return outboundHostRepairs(entry).map((repaired, i) =>
        replaceWith(`Change to \`${repaired}\``, doc, diagnostic, JSON.stringify(repaired), i === 0),
      );
    }
    case CODE_DEPRECATED_HTTP_HOSTS: {
      const { componentId } = dataOf<DeprecatedHttpHostsData>(diagnostic);
      const component = model.components.find((c) => c.id === componentId);
      const edits = component ? httpHostsFix(model, component) : [];
      return edits.length
        ? [quickFix('Replace with allowed_outbound_hosts', doc.uri, edits, diagnostic)]
        : [];
    }
    case CODE_UNKNOWN_KEY: {
      const { suggestion } = dataOf<UnknownKeyData>(diagnostic);
      return suggestion ? [replaceWith(`Change to \`${suggestion}\``, doc, diagnostic, suggestion)] : [];
    }
    case CODE_VERSION_MISSING:
      return [
        quickFix(
          'Add `spin_manifest_version = 2`',
          doc.uri,
          [{ range: { start: pos(0), end: pos(0) }, newText: 'spin_manifest_version = 2\n' }],
          diagnostic,
        ),
      ];
    case CODE_V1_MANIFEST: {
      const migrated = migrateV1ToV2(model);
      if (!migrated) return [];
      const whole: Range = { start: pos(0), end: model.parse.lines.position(model.parse.text.length) };
      return [
        quickFix('Migrate to manifest version 2', doc.uri, [{ range: whole, newText: migrated }], diagnostic),
      ];
    }
    default:
      return [];
  }
}

export function codeActions(doc: SourceDocument, _range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const model = modelOf(doc);
  return diagnostics.filter((d) => d.source === 'spinkube').flatMap((d) => fixesFor(doc, model, d));
}
