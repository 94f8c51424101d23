// Every place a YAML file writes a name that navigation follows: SpinAppExecutor names (an
// executor's `metadata.name`, a SpinApp's `spec.executor`), and the names a SpinApp takes from its
// spin.toml (`spec.components` items, `spec.variables[].name`). Offsets cover the name only, without
// quotes, so definition, references and rename use them as they are.
import type { LanguageContext } from '../types';
import { isTemplate } from './patchFiles';
import { namespaceKey } from './rules/ruleContext';
import { spinKubeObjects, type SpinKubeObject } from './spinKubeObjects';
import { isMap, isScalar, isSeq, pairOf, valueOf, type YNode, type YScalar } from './yaml/ast';
import { parseYamlStream } from './yaml/parseYamlStream';

export type NameKind = 'executor' | 'component' | 'variable';

export interface NameOccurrence {
  readonly kind: NameKind;
  /** The name as written. */
  readonly name: string;
  /**
   * What two occurrences must share to name the same thing: `<namespace>/<name>` for executors
   * (executors are namespaced), the id for components, the lowercased name for variables (the
   * operator passes SPIN_VARIABLE_<NAME> and Spin reads it back lowercased).
   */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** An executor's own `metadata.name` (components and variables are declared in spin.toml). */
  readonly declaration: boolean;
  /** Whether the source quotes the name (an edit keeps the quotes, which lie outside the range). */
  readonly quoted: boolean;
  /** The SpinApp or SpinAppExecutor the name is written in. */
  readonly object: SpinKubeObject;
}

/** The SpinKube objects of a YAML file's text, as validation sees them (Helm templates left out). */
function spinKubeObjectsOf(text: string, uri: string): SpinKubeObject[] {
  return spinKubeObjects(parseYamlStream(text, uri).filter((d) => !isTemplate(text.slice(d.start, d.end))));
}

/** The executor, component and variable names a YAML file (`uri`, with this text) writes. */
export function nameOccurrences(text: string, ctx: LanguageContext, uri: string): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  for (const object of spinKubeObjectsOf(text, uri)) {
    const namespace = namespaceKey(object, ctx);
    const at = (
      kind: NameKind,
      node: YNode | undefined,
      key: (name: string) => string,
      declaration = false,
    ) => {
      const occurrence = occurrenceOf(text, node, object, kind, key, declaration);
      if (occurrence) out.push(occurrence);
    };
    if (object.kind === 'SpinAppExecutor') {
      at('executor', object.namePair?.value, (name) => `${namespace}/${name}`, true);
    } else if (object.kind === 'SpinApp') {
      at('executor', valueOf(object.spec, 'executor'), (name) => `${namespace}/${name}`);
      const components = valueOf(object.spec, 'components');
      if (isSeq(components)) for (const item of components.items) at('component', item, (name) => name);
      const variables = valueOf(object.spec, 'variables');
      if (isSeq(variables)) {
        for (const item of variables.items) {
          if (isMap(item)) at('variable', pairOf(item, 'name')?.value, (name) => name.toLowerCase());
        }
      }
    }
  }
  return out;
}

function occurrenceOf(
  text: string,
  node: YNode | undefined,
  object: SpinKubeObject,
  kind: NameKind,
  key: (name: string) => string,
  declaration: boolean,
): NameOccurrence | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return undefined;
  const { start, end, quoted } = nameRange(text, node);
  return { kind, name: node.value, key: key(node.value), start, end, declaration, quoted, object };
}

/** The offsets of a scalar's text without its quotes. */
function nameRange(text: string, node: YScalar): { start: number; end: number; quoted: boolean } {
  const first = text.charAt(node.start);
  if ((first === '"' || first === "'") && text.charAt(node.end - 1) === first && node.end - node.start >= 2) {
    return { start: node.start + 1, end: node.end - 1, quoted: true };
  }
  let end = node.end;
  while (end > node.start && /\s/.test(text.charAt(end - 1))) end--;
  return { start: node.start, end, quoted: false };
}

/** The occurrence whose name contains an offset (its ends included), if any. */
export function occurrenceAtOffset(
  occurrences: readonly NameOccurrence[],
  offset: number,
): NameOccurrence | undefined {
  return occurrences.find((o) => offset >= o.start && offset <= o.end);
}
