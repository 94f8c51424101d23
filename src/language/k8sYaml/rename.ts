// Rename in SpinApp YAML:
//   - an executor name renames the SpinAppExecutor's `metadata.name` and every `spec.executor` that
//     uses it, in the file and the YAML files next to it; an executor defined only in the cluster
//     is not renamed from here (its SpinApps would point at nothing);
//   - a component id or a variable name renames it in the app's spin.toml (declaration and uses)
//     and in the app's SpinApps: those of the file, and those in the YAML files in and below the
//     spin.toml's folder (`withSpinAppRenames` does the same for a rename started in spin.toml).
// A new name that Kubernetes or Spin would reject gives no edit. prepareRename refuses, with the
// reason, every name that no new name could rename.
import { newIdProblem } from '../spinToml/navigation';
import type {
  LanguageContext,
  Position,
  RenamePreparation,
  SourceDocument,
  TextEdit,
  WorkspaceEdit,
} from '../types';
import { hasUncoveredSubtables } from './manifestLinks';
import { manifestLabel } from './spinTomlFacts';
import type { NameLocation } from './fileNames';
import {
  executorOccurrences,
  inOtherSpinApps,
  manifestOccurrences,
  nameTarget,
  spinAppNamesAt,
  type ManifestNameLocations,
  type NameTarget,
} from './navigation';
import type { NameKind } from './nameOccurrences';

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

/** What a rename at a position would change, found before the new name is known. */
type RenamePlan =
  | { readonly target: NameTarget; readonly executor: readonly NameLocation[] }
  | { readonly target: NameTarget; readonly manifest: ManifestNameLocations }
  | { readonly target: NameTarget; readonly refusal: string };

function planRename(doc: SourceDocument, position: Position, ctx: LanguageContext): RenamePlan | undefined {
  const target = nameTarget(doc, position, ctx);
  if (!target) return undefined;
  const { kind, name, key } = target.at;
  if (kind === 'executor') {
    const found = executorOccurrences(target, ctx, true);
    if (found.some((l) => l.occurrence.declaration)) return { target, executor: found };
    return {
      target,
      refusal: `The SpinAppExecutor "${name}" is not defined in this file or a YAML file next to it (it may exist only in the cluster): rename it where it is defined.`,
    };
  }
  const what = kind === 'component' ? `component "${key}"` : `variable "${key}"`;
  const manifest = manifestOccurrences(target, ctx);
  if (!manifest) {
    return {
      target,
      refusal: `No spin.toml of this SpinApp was found in the workspace (one in the same folder, or one whose application name is the SpinApp's name): the ${what} cannot be renamed from here.`,
    };
  }
  const label = manifestLabel(manifest.manifest.uri);
  if (manifest.declarations.length === 0) {
    return { target, refusal: `${label} does not declare the ${what}: there is nothing to rename.` };
  }
  // Sub-tables the spin.toml side does not rename would be left as orphans: no edit rather than a broken manifest.
  if (kind === 'component' && hasUncoveredSubtables(manifest.manifest, key, manifest.names)) {
    return {
      target,
      refusal: `${label} has sub-tables of the ${what} ([component.${key}.…]) that a rename from here would leave behind: rename it in spin.toml.`,
    };
  }
  return { target, manifest };
}

export function prepareRenameK8sYaml(
  doc: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): RenamePreparation | null {
  const plan = planRename(doc, position, ctx);
  if (!plan) return null;
  if ('refusal' in plan) return { refusal: plan.refusal };
  const { file, at } = plan.target;
  return { range: file.lines.range(at.start, at.end) };
}

/** Why `newName` cannot replace a name of this kind (Kubernetes' or Spin's rule), or undefined. */
function newNameProblem(kind: NameKind, newName: string): string | undefined {
  if (kind === 'executor') {
    if (OBJECT_NAME.test(newName) && newName.length <= MAX_OBJECT_NAME) return undefined;
    return `"${newName}" is not a valid SpinAppExecutor name: a Kubernetes object name is at most ${MAX_OBJECT_NAME} lowercase letters, digits, '-' and '.', and starts and ends with a letter or digit.`;
  }
  // Variables are written in either case in a SpinApp; spin.toml declares them in lower case.
  return newIdProblem(kind, kind === 'variable' ? newName.toLowerCase() : newName, newName);
}

/** Why renaming at a position to `newName` makes no edit, or undefined (it does, or nothing is there). */
export function renameProblemK8sYaml(
  doc: SourceDocument,
  position: Position,
  newName: string,
  ctx: LanguageContext,
): string | undefined {
  const plan = planRename(doc, position, ctx);
  if (!plan) return undefined;
  return 'refusal' in plan ? plan.refusal : newNameProblem(plan.target.at.kind, newName);
}

export function renameK8sYaml(
  doc: SourceDocument,
  position: Position,
  newName: string,
  ctx: LanguageContext,
): WorkspaceEdit | null {
  const plan = planRename(doc, position, ctx);
  if (!plan || 'refusal' in plan) return null;
  const changes: Record<string, TextEdit[]> = {};
  if (newNameProblem(plan.target.at.kind, newName)) return null;
  if ('executor' in plan) {
    yamlEdits(changes, plan.executor, () => newName);
    return { changes };
  }
  const kind = plan.target.at.kind === 'variable' ? 'variable' : 'component';
  const spinName = kind === 'variable' ? newName.toLowerCase() : newName;
  for (const location of plan.manifest.inManifest) {
    addEdit(changes, location.uri, { range: location.range, newText: spinName });
  }
  // This file as it is in the editor, and the other SpinApps of the app near its spin.toml.
  const elsewhere = inOtherSpinApps(plan.manifest, plan.target, ctx);
  spinAppEdits(changes, [...plan.manifest.inFile, ...elsewhere], kind, spinName);
  return { changes };
}

/**
 * Adds the edits renaming a component id or variable in SpinApps to `spinName` (its spin.toml
 * spelling). A variable keeps the case it is written in (SPIN_VARIABLE_<NAME> style names stay
 * upper case).
 */
function spinAppEdits(
  changes: Record<string, TextEdit[]>,
  found: readonly NameLocation[],
  kind: 'component' | 'variable',
  spinName: string,
): void {
  const caseOf = (l: NameLocation): string =>
    kind === 'variable' &&
    l.occurrence.name === l.occurrence.name.toUpperCase() &&
    /[A-Z]/.test(l.occurrence.name)
      ? spinName.toUpperCase()
      : spinName;
  yamlEdits(changes, found, caseOf);
}

/**
 * A rename started in spin.toml (`edit`: the spin.toml's own edits, null when there are none)
 * extended to the SpinApps of the app near it, so that their `spec.components` and
 * `spec.variables` keep naming what exists.
 */
export function withSpinAppRenames(
  edit: WorkspaceEdit | null,
  manifest: SourceDocument,
  position: Position,
  newName: string,
  ctx: LanguageContext,
): WorkspaceEdit | null {
  const found = edit && spinAppNamesAt(manifest, position, ctx);
  if (!edit || !found) return edit;
  const changes: Record<string, TextEdit[]> = { ...edit.changes };
  spinAppEdits(changes, found.names, found.kind, newName);
  return { ...edit, changes };
}
