// Files that are not whole objects: Helm templates (Go template syntax makes them unreadable as
// YAML until rendered) and Kustomize patches (partial objects merged onto a base).
import type { WorkspaceView } from '../types';

/** Whether a document's text uses Go template syntax (`{{ … }}`), as Helm charts do. */
export function isTemplate(documentText: string): boolean {
  return documentText.includes('{{');
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether a kustomization next to the file uses it as a patch (so required fields may be missing). */
export function isKustomizePatch(uri: string, workspace: WorkspaceView | undefined): boolean {
  if (!workspace) return false;
  const slash = uri.lastIndexOf('/');
  const folder = uri.slice(0, slash + 1);
  const fileName = decodeURIComponent(uri.slice(slash + 1));
  for (const name of KUSTOMIZATION_NAMES) {
    let text: string | undefined;
    try {
      text = workspace.readFile(folder + name);
    } catch {
      text = undefined;
    }
    if (text === undefined) continue;
    const patchSection = /^\s*(patches|patchesStrategicMerge|patchesJson6902)\s*:/m.test(text);
    if (patchSection && text.includes(fileName)) return true;
  }
  return false;
}
