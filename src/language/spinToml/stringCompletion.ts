// Completion inside string values where Spin has a grammar: `allowed_outbound_hosts` (schemes,
// the app's `{{ variables }}`, hosts used elsewhere in the manifest, `:port` forms, `*`),
// `{{ }}` templates in component variables, `source` and `files` (paths in the app folder,
// `.wasm` first for `source`), `key_value_stores` (`default` and labels used elsewhere) and
// trigger `route`s.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { CompletionItem, LanguageContext, Position, Range } from '../types';
import { DEFAULT_PORTS } from './outboundHosts';
import type { StringContext } from './stringContext';
import { scanVariableNames } from './textScan';
import { folderOf } from './uris';

const SCHEMES = ['https', 'http', 'redis', 'mqtt', 'postgres', 'mysql', '*'];
/** Files listed for `source` and `files` completion, at most. */
const MAX_PATHS = 200;

export interface StringCompletionInput {
  readonly uri: string;
  readonly lines: readonly string[];
  readonly position: Position;
  /** The table the cursor is in (`['component', 'api']`, `['trigger', 'http', 0]`). */
  readonly path: readonly (string | number)[];
  readonly layout: 1 | 2;
  readonly ctx: LanguageContext;
}

type Items = { label: string; detail: string; sort?: string; kind?: CompletionItemKind }[];

/** Items for the string at the cursor, or undefined when Spin has no grammar for it. */
export function stringValueItems(
  input: StringCompletionInput,
  s: StringContext,
): CompletionItem[] | undefined {
  const items = itemsFor(input, s);
  if (!items) return undefined;
  const range: Range = { start: { line: input.position.line, character: s.from }, end: input.position };
  const seen = new Set<string>();
  return items
    .filter((i) => !seen.has(i.label) && seen.add(i.label))
    .map((i) => ({
      label: i.label,
      kind: i.kind ?? CompletionItemKind.Value,
      detail: i.detail,
      textEdit: { range, newText: i.label },
      ...(i.sort ? { sortText: i.sort } : {}),
    }));
}

function inComponent(input: StringCompletionInput): boolean {
  const { path, layout } = input;
  return path[0] === 'component' && path.length === 2 && (layout === 1 ? path[1] === 0 : true);
}

function itemsFor(input: StringCompletionInput, s: StringContext): Items | undefined {
  const { path } = input;
  if (s.container === 'files' && s.key === 'source' && inComponent(input)) return pathItems(input, 'folders');
  if (s.container === 'variables' || (path[0] === 'component' && path[path.length - 1] === 'variables')) {
    return scanVariableNames(input.lines).map((n) => ({
      label: `{{ ${n} }}`,
      detail: 'application variable',
      kind: CompletionItemKind.Variable,
    }));
  }
  if (s.container) return undefined;
  if (inComponent(input)) {
    switch (s.key) {
      case 'allowed_outbound_hosts':
        return hostItems(input, s.typed);
      case 'source':
        return pathItems(input, 'source');
      case 'files':
      case 'exclude_files':
        return pathItems(input, 'files');
      case 'key_value_stores':
      case 'sqlite_databases':
        return labelItems(input.lines, s.key);
      default:
        return undefined;
    }
  }
  const isRoute = s.key === 'route' && (path[0] === 'trigger' || path[path.length - 1] === 'trigger');
  return isRoute ? routeItems(input) : undefined;
}

function hostItems(input: StringCompletionInput, typed: string): Items {
  const items: Items = [];
  const hostTyped = /^([A-Za-z]+|\*):\/\/([^:/]+)$/.exec(typed);
  if (hostTyped) {
    const scheme = (hostTyped[1] ?? '').toLowerCase();
    const port = DEFAULT_PORTS[scheme];
    if (port !== undefined) {
      items.push({ label: `${typed}:${port}`, detail: `${scheme} default port`, sort: '0' });
    }
    items.push({ label: `${typed}:*`, detail: 'any port', sort: '0' });
  }
  for (const scheme of SCHEMES) items.push({ label: `${scheme}://`, detail: 'scheme', sort: '1' });
  items.push({ label: '*://*:*', detail: 'any host, any scheme, any port', sort: '4' });
  for (const name of scanVariableNames(input.lines)) {
    items.push({ label: `https://{{ ${name} }}`, detail: 'host from an application variable', sort: '2' });
    items.push({ label: `{{ ${name} }}`, detail: 'application variable', sort: '2' });
  }
  const text = input.lines.join('\n');
  for (const match of text.matchAll(/["']((?:[A-Za-z]+|\*):\/\/[^"'\s]+)["']/g)) {
    const host = match[1] ?? '';
    if (host !== typed) items.push({ label: host, detail: 'used elsewhere in this manifest', sort: '3' });
  }
  return items;
}

function labelItems(lines: readonly string[], key: string): Items {
  const items: Items = [{ label: 'default', detail: 'the default store', sort: '0' }];
  const text = lines.join('\n');
  const lists = new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'gm');
  for (const list of text.matchAll(lists)) {
    for (const label of (list[1] ?? '').matchAll(/["']([^"']+)["']/g)) {
      items.push({ label: label[1] ?? '', detail: 'used elsewhere in this manifest', sort: '1' });
    }
  }
  return items;
}

function routeItems(input: StringCompletionInput): Items {
  const items: Items = [{ label: '/...', detail: 'every path', sort: '0' }];
  const component = findInTable(input.lines, input.position.line, /^\s*component\s*=\s*"([^"]+)"/);
  if (component) {
    items.push({ label: `/${component}/...`, detail: 'every path under the component', sort: '1' });
    items.push({ label: `/${component}`, detail: 'one path', sort: '1' });
  }
  return items;
}

/** A value of the table holding `line` (scanning up and down to the next header). */
function findInTable(lines: readonly string[], line: number, pattern: RegExp): string | undefined {
  for (const step of [-1, 1]) {
    for (let i = line; i >= 0 && i < lines.length; i += step) {
      const text = lines[i] ?? '';
      if (i !== line && /^\s*\[/.test(text)) break;
      const match = pattern.exec(text);
      if (match?.[1]) return match[1];
    }
  }
  return undefined;
}

function pathItems(input: StringCompletionInput, what: 'source' | 'files' | 'folders'): Items {
  const glob = input.ctx.workspace?.glob;
  if (!glob) return [];
  const base = folderOf(input.uri);
  const files = glob
    .call(input.ctx.workspace, base, '**/*')
    .slice(0, MAX_PATHS * 5)
    .map((uri) => safeDecode(uri.slice(base.length + 1)))
    .filter((rel) => rel && rel !== 'spin.toml');
  const folders = [...new Set(files.flatMap((f) => parentsOf(f)))].sort();
  if (what === 'folders') {
    return folders.map((f) => ({ label: f, detail: 'folder', kind: CompletionItemKind.Folder }));
  }
  if (what === 'files') {
    return [
      ...folders.map((f) => ({
        label: `${f}/**/*`,
        detail: 'every file in the folder',
        kind: CompletionItemKind.Folder,
      })),
      ...files.slice(0, MAX_PATHS).map((f) => ({ label: f, detail: 'file', kind: CompletionItemKind.File })),
    ];
  }
  return files.slice(0, MAX_PATHS).map((f) => ({
    label: f,
    detail: f.endsWith('.wasm') ? 'Wasm component' : 'file',
    kind: CompletionItemKind.File,
    sort: `${f.endsWith('.wasm') ? '0' : '1'}${f}`,
  }));
}

function parentsOf(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
