// Rename in SpinApp YAML:
//   - an executor name renames the SpinAppExecutor's `metadata.name` and every `spec.executor` that
//     uses it, in the file and the YAML files next to it; an executor defined only in the cluster
//     is not renamed from here (its SpinApps would point at nothing);
//   - a component id or a variable name renames it in the app's spin.toml (declaration and uses)
//     and in the SpinApps of the file that belong to that spin.toml.
// A new name that Kubernetes or Spin would reject gives no edit.
import { idProblem } from '../spinToml/identifiers';
import type { LanguageContext, Position, SourceDocument, TextEdit, WorkspaceEdit } from '../types';
import { hasUncoveredSubtables } from './manifestLinks';
import { executorOccurrences, manifestOccurrences, nameTarget, type NameLocation } from './navigation';

/** A Kubernetes object name (RFC 1123 subdomain), as `metadata.name` of a SpinAppExecutor must be. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_OBJECT_NAME = 253;

/** Plain YAML words that would not read back as the string (numbers, booleans, null). */
const NOT_A_PLAIN_STRING =
  /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)|true|false|yes|no|on|off|y|n|null|~)$/i;

/** The text that writes `name` where an occurrence was: quoted if it would not read back as a string. */
function yamlName(name: string, quoted: boolean): string {
  return !quoted && NOT_A_PLAIN_STRING.test(name) ? `"${name}"` : name;
}

function addEdit(changes: Record<string, TextEdit[]>, uri: string, edit: TextEdit): void {
  (changes[uri] ??= []).push(edit);
}

function yamlEdits(
  changes: Record<string, TextEdit[]>,
  found: readonly NameLocation[],
  text: (o: NameLocation) => string,
) {
  for (const l of found) {
    addEdit(changes, l.location.uri, {
      range: l.location.range,
      newText: yamlName(text(l), l.occurrence.quoted),
    });
  }
}

export function renameK8sYaml(
  doc: SourceDocument,
  position: Position,
  newName: string,
  ctx: LanguageContext,
): WorkspaceEdit | null {
  const target = nameTarget(doc, position, ctx);
  if (!target) return null;
  const changes: Record<string, TextEdit[]> = {};
  if (target.at.kind === 'executor') {
    if (!OBJECT_NAME.test(newName) || newName.length > MAX_OBJECT_NAME) return null;
    const found = executorOccurrences(target, ctx, true);
    if (!found.some((l) => l.occurrence.declaration)) return null;
    yamlEdits(changes, found, () => newName);
    return { changes };
  }
  const kind = target.at.kind;
  const spinName = kind === 'variable' ? newName.toLowerCase() : newName;
  if (idProblem(spinName, kind === 'component' ? 'kebab' : 'lower-snake')) return null;
  const found = manifestOccurrences(target, ctx);
  if (!found || found.declarations.length === 0) return null;
  // Sub-tables the spin.toml side does not rename would be left as orphans: no edit rather than a broken manifest.
  if (kind === 'component' && hasUncoveredSubtables(found.manifest, target.at.key, found.names)) return null;
  for (const location of found.inManifest) {
    addEdit(changes, location.uri, { range: location.range, newText: spinName });
  }
  // A variable keeps the case it is written in (SPIN_VARIABLE_<NAME> style names stay upper case).
  const caseOf = (l: NameLocation): string =>
    kind === 'variable' &&
    l.occurrence.name === l.occurrence.name.toUpperCase() &&
    /[A-Z]/.test(l.occurrence.name)
      ? spinName.toUpperCase()
      : spinName;
  yamlEdits(changes, found.inFile, caseOf);
  return { changes };
}
