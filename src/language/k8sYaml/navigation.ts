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
import type { LanguageContext, Location, Position, SourceDocument, WorkspaceView } from '../types';
import { LineTable } from './lineTable';
import { manifestOfApp, namesInManifest, type ManifestName } from './manifestLinks';
import { nameOccurrences, occurrenceAtOffset, type NameOccurrence } from './nameOccurrences';
import { siblingYamlFiles, type YamlFile } from './siblingYamlFiles';
import type { SpinKubeObject } from './spinKubeObjects';
import { folderOf, ManifestFinder } from './spinTomlFacts';

/** The names of one YAML file, with its line table. */
export interface FileNames {
  readonly uri: string;
  readonly lines: LineTable;
  readonly occurrences: readonly NameOccurrence[];
}

/** The name under the cursor and the names of its file. */
export interface NameTarget {
  readonly file: FileNames;
  readonly at: NameOccurrence;
}

export function fileNames(file: YamlFile, ctx: LanguageContext): FileNames {
  return { uri: file.uri, lines: new LineTable(file.text), occurrences: nameOccurrences(file.text, ctx) };
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

/** A located name of a file: the location and the occurrence. */
export interface NameLocation {
  readonly location: Location;
  readonly occurrence: NameOccurrence;
}

function locate(file: FileNames, occurrence: NameOccurrence): NameLocation {
  return {
    location: { uri: file.uri, range: file.lines.range(occurrence.start, occurrence.end) },
    occurrence,
  };
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
  return [...found.inManifest, ...found.inFile.map((l) => l.location)];
}

/** Where a spin.toml's SpinApps may be: its folder and the folders right below it (`deploy/`, `k8s/`). */
const SPINAPP_FILE_PATTERNS = ['*.yaml', '*.yml', '*/*.yaml', '*/*.yml'];
/** At most this many YAML files are read for one request. */
const MAX_SPINAPP_FILES = 64;
/** Only files that may hold a SpinApp are parsed. */
const MAY_HOLD_SPINAPP = /^\s*kind\s*:\s*["']?SpinApp\b/m;

/** The YAML files near a spin.toml that may hold SpinApps, with their text. */
function yamlFilesNear(manifestUri: string, workspace: WorkspaceView): YamlFile[] {
  if (!workspace.glob) return [];
  const folder = folderOf(manifestUri);
  const uris = new Set<string>();
  for (const pattern of SPINAPP_FILE_PATTERNS) {
    try {
      for (const uri of workspace.glob(folder, pattern)) uris.add(uri);
    } catch {
      // A folder that cannot be listed has no SpinApps to offer.
    }
  }
  const out: YamlFile[] = [];
  for (const uri of [...uris].sort()) {
    if (out.length >= MAX_SPINAPP_FILES) break;
    let text: string | undefined;
    try {
      text = workspace.readFile(uri);
    } catch {
      text = undefined;
    }
    if (text !== undefined && MAY_HOLD_SPINAPP.test(text)) out.push({ uri, text });
  }
  return out;
}

/**
 * The SpinApp YAML places (`spec.components` items, `spec.variables[].name`) that name the
 * component id or variable at a position of a spin.toml: in the YAML files of its folder and of
 * the folders right below it, for the SpinApps the cross-file checks pair with this spin.toml.
 */
export function spinAppPlacesOf(
  manifest: SourceDocument,
  position: Position,
  ctx: LanguageContext,
): Location[] {
  const workspace = ctx.workspace;
  if (!workspace) return [];
  const at = occurrenceAt(modelOf(manifest), position);
  if (!at) return [];
  const key = at.kind === 'variable' ? at.name.toLowerCase() : at.name;
  const finder = new ManifestFinder(workspace);
  const out: Location[] = [];
  for (const file of yamlFilesNear(manifest.uri, workspace)) {
    const names = fileNames(file, ctx);
    const pairs = new Map<SpinKubeObject, boolean>();
    for (const occurrence of names.occurrences) {
      if (occurrence.kind !== at.kind || occurrence.key !== key) continue;
      let paired = pairs.get(occurrence.object);
      if (paired === undefined) {
        paired = finder.forApp(file.uri, occurrence.object.name)?.uri === manifest.uri;
        pairs.set(occurrence.object, paired);
      }
      if (paired) out.push(locate(names, occurrence).location);
    }
  }
  return out;
}
