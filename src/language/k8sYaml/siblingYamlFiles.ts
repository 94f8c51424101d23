// The other YAML files next to a file (same folder, not below it), read through the workspace view:
// where navigation looks for a SpinAppExecutor that the file itself does not define.
import type { WorkspaceView } from '../types';
import { folderOf } from './spinTomlFacts';

export interface YamlFile {
  readonly uri: string;
  readonly text: string;
}

/** At most this many neighbours are read for one request. */
const MAX_SIBLINGS = 64;
/** Neighbours are only parsed when they may hold a SpinKube object. */
const SPINKUBE_KIND = /^\s*kind\s*:\s*["']?SpinApp(?:Executor)?\b/m;

/** The SpinKube YAML files in the folder of `uri` (`uri` itself excluded); none without a workspace glob. */
export function siblingYamlFiles(uri: string, workspace: WorkspaceView | undefined): YamlFile[] {
  if (!workspace?.glob) return [];
  const folder = folderOf(uri);
  let uris: readonly string[];
  try {
    uris = [...workspace.glob(folder, '*.yaml'), ...workspace.glob(folder, '*.yml')];
  } catch {
    return [];
  }
  const out: YamlFile[] = [];
  for (const candidate of [...uris].sort()) {
    if (out.length >= MAX_SIBLINGS) break;
    if (candidate === uri || folderOf(candidate) !== folder) continue;
    let text: string | undefined;
    try {
      text = workspace.readFile(candidate);
    } catch {
      text = undefined;
    }
    if (text !== undefined && SPINKUBE_KIND.test(text)) out.push({ uri: candidate, text });
  }
  return out;
}
