// The SpinApps of an application found near its spin.toml: the YAML files in its folder and the
// folders below it, and in them the SpinApps the cross-file checks pair with that spin.toml. What
// references and rename started on either side add to the spin.toml's own places.
import type { LanguageContext, WorkspaceView } from '../types';
import { fileNames, locate, type NameLocation } from './fileNames';
import type { YamlFile } from './siblingYamlFiles';
import type { SpinKubeObject } from './spinKubeObjects';
import { folderOf, ManifestFinder } from './spinTomlFacts';

/** Where a spin.toml's SpinApps may be: its folder and every folder below it (`deploy/`, `k8s/overlays/prod/`). */
const SPINAPP_FILE_PATTERNS = ['**/*.yaml', '**/*.yml'];
/** At most this many YAML files are read for one request, the shallowest first… */
const MAX_YAML_FILES_READ = 500;
/** …and at most this many that may hold a SpinApp are parsed. */
const MAX_SPINAPP_FILES = 64;
/** Only files that may hold a SpinApp are parsed. */
const MAY_HOLD_SPINAPP = /^\s*kind\s*:\s*["']?SpinApp\b/m;

const depthOf = (uri: string): number => uri.split('/').length;

/** The YAML files in and below a spin.toml's folder that may hold SpinApps, with their text. */
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
  const nearestFirst = [...uris].sort((a, b) => depthOf(a) - depthOf(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: YamlFile[] = [];
  for (const uri of nearestFirst.slice(0, MAX_YAML_FILES_READ)) {
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
 * The SpinApp YAML places (`spec.components` items, `spec.variables[].name`) that name a component
 * id or variable (`key`, lower case for variables) of the spin.toml at `manifestUri`, nearest files
 * first.
 */
export function spinAppNamesNear(
  manifestUri: string,
  kind: 'component' | 'variable',
  key: string,
  ctx: LanguageContext,
): NameLocation[] {
  const workspace = ctx.workspace;
  if (!workspace) return [];
  const finder = new ManifestFinder(workspace);
  const out: NameLocation[] = [];
  for (const file of yamlFilesNear(manifestUri, workspace)) {
    const names = fileNames(file, ctx);
    const pairs = new Map<SpinKubeObject, boolean>();
    for (const occurrence of names.occurrences) {
      if (occurrence.kind !== kind || occurrence.key !== key) continue;
      let paired = pairs.get(occurrence.object);
      if (paired === undefined) {
        paired = finder.forApp(file.uri, occurrence.object.name)?.uri === manifestUri;
        pairs.set(occurrence.object, paired);
      }
      if (paired) out.push(locate(names, occurrence));
    }
  }
  return out;
}
