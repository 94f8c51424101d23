// Go to definition and find references in SpinApp YAML:
//   - an executor name (a SpinApp's `spec.executor`, an executor's `metadata.name`) leads to the
//     SpinAppExecutor of that name in the SpinApp's namespace: in the file, else in a YAML file next
//     to it; its references are every SpinApp there that uses it, and the definition;
//   - a `spec.components` item or a `spec.variables[].name` leads to the spin.toml of the app (the
//     one the cross-file checks pair the SpinApp with), where the component or variable is declared;
//   - the other way round, references of a spin.toml component id or variable include the SpinApp
//     YAML places that name it (see `spinAppPlacesOf`).
import { modelOf } from '../spinToml/document';
import { occurrenceAt } from '../spinToml/occurrences';
import type { LanguageContext, Location, Position, SourceDocument } from '../types';
import { spinAppNamesNear } from './appSpinApps';
import { manifestOfApp, namesInManifest, type ManifestName } from './manifestLinks';
import { fileNames, locate, type FileNames, type NameLocation } from './fileNames';
import { occurrenceAtOffset, type NameOccurrence } from './nameOccurrences';
import { siblingYamlFiles } from './siblingYamlFiles';
import type { SpinKubeObject } from './spinKubeObjects';
import { ManifestFinder } from './spinTomlFacts';

/** The name under the cursor and the names of its file. */
export interface NameTarget {
  readonly file: FileNames;
  readonly at: NameOccurrence;
}

export function nameTarget(
  doc: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): NameTarget | undefined {
  const file = fileNames(doc, ctx);
  const at = occurrenceAtOffset(file.occurrences, file.lines.offset(position));
  return at ? { file, at } : undefined;
}

function sameName(file: FileNames, at: NameOccurrence): NameLocation[] {
  return file.occurrences.filter((o) => o.kind === at.kind && o.key === at.key).map((o) => locate(file, o));
}

/**
 * Every occurrence of an executor name: in the file, and in the YAML files next to it. The files
 * next to it are only read when `always` is set or the file does not define the executor.
 */
export function executorOccurrences(
  target: NameTarget,
  ctx: LanguageContext,
  always: boolean,
): NameLocation[] {
  const inFile = sameName(target.file, target.at);
  if (!always && inFile.some((l) => l.occurrence.declaration)) return inFile;
  const neighbours = siblingYamlFiles(target.file.uri, ctx.workspace).map((f) => fileNames(f, ctx));
  return [...inFile, ...neighbours.flatMap((f) => sameName(f, target.at))];
}

/** A component id or variable name on both sides: the app's spin.toml and the SpinApp YAML file. */
export interface ManifestNameLocations {
  /** The spin.toml. */
  readonly manifest: SourceDocument;
  /** The name's spin.toml occurrences, as found there. */
  readonly names: readonly ManifestName[];
  /** Its declaration and uses in spin.toml. */
  readonly inManifest: readonly Location[];
  /** Its declaration in spin.toml (a component table, a `[variables]` entry). */
  readonly declarations: readonly Location[];
  /** Where the SpinApps of the file that belong to that spin.toml write it. */
  readonly inFile: readonly NameLocation[];
}

/** Where a SpinApp's component id or variable name is written; undefined when its spin.toml is not found. */
export function manifestOccurrences(
  target: NameTarget,
  ctx: LanguageContext,
): ManifestNameLocations | undefined {
  if (target.at.kind === 'executor' || !ctx.workspace) return undefined;
  const kind = target.at.kind;
  const finder = new ManifestFinder(ctx.workspace);
  const manifest = manifestOfApp(target.file.uri, target.at.object, ctx, finder);
  if (!manifest) return undefined;
  const names = namesInManifest(manifest, kind, target.at.key);
  const belongs = new Map<SpinKubeObject, boolean>();
  const belongsToManifest = ({ object }: NameOccurrence): boolean => {
    let known = belongs.get(object);
    if (known === undefined) {
      known = finder.forApp(target.file.uri, object.name)?.uri === manifest.uri;
      belongs.set(object, known);
    }
    return known;
  };
  const at = (range: Location['range']): Location => ({ uri: manifest.uri, range });
  return {
    manifest,
    names,
    inManifest: names.map((n) => at(n.range)),
    declarations: names.filter((n) => n.declaration).map((n) => at(n.range)),
    inFile: sameName(target.file, target.at).filter((l) => belongsToManifest(l.occurrence)),
  };
}

export function definitionK8sYaml(doc: SourceDocument, position: Position, ctx: LanguageContext): Location[] {
  const target = nameTarget(doc, position, ctx);
  if (!target) return [];
  if (target.at.kind === 'executor') {
    return executorOccurrences(target, ctx, false)
      .filter((l) => l.occurrence.declaration)
      .map((l) => l.location);
  }
  return [...(manifestOccurrences(target, ctx)?.declarations ?? [])];
}

export function referencesK8sYaml(doc: SourceDocument, position: Position, ctx: LanguageContext): Location[] {
  const target = nameTarget(doc, position, ctx);
  if (!target) return [];
  if (target.at.kind === 'executor') return executorOccurrences(target, ctx, true).map((l) => l.location);
  const found = manifestOccurrences(target, ctx);
  if (!found) return sameName(target.file, target.at).map((l) => l.location);
  return [
    ...found.inManifest,
    ...[...found.inFile, ...inOtherSpinApps(found, target, ctx)].map((l) => l.location),
  ];
}

/** Where the app's SpinApps in other YAML files (in and below its spin.toml's folder) write the name. */
export function inOtherSpinApps(
  found: ManifestNameLocations,
  target: NameTarget,
  ctx: LanguageContext,
): NameLocation[] {
  const kind = target.at.kind === 'variable' ? 'variable' : 'component';
  return spinAppNamesNear(found.manifest.uri, kind, target.at.key, ctx).filter(
    (l) => l.location.uri !== target.file.uri,
  );
}

/**
 * The SpinApp YAML names of the component id or variable at a position of a spin.toml (see
 * `spinAppNamesNear`), with its kind; undefined where the spin.toml names neither.
 */
export function spinAppNamesAt(
  manifest: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): { readonly kind: 'component' | 'variable'; readonly names: NameLocation[] } | undefined {
  const at = occurrenceAt(modelOf(manifest), position);
  if (!at) return undefined;
  const key = at.kind === 'variable' ? at.name.toLowerCase() : at.name;
  return { kind: at.kind, names: spinAppNamesNear(manifest.uri, at.kind, key, ctx) };
}

/** The places of `spinAppNamesAt`, for references started in spin.toml. */
export function spinAppPlacesOf(
  manifest: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): Location[] {
  return spinAppNamesAt(manifest, position, ctx)?.names.map((l) => l.location) ?? [];
}
