// What a SpinApp check needs from a workspace spin.toml: the app name, its component ids and its
// application variables. Read through the spin.toml model, cached by file text.
import { RecentlyUsed } from '../recentlyUsed';
import { modelOf } from '../spinToml/document';
import type { WorkspaceView } from '../types';

export interface ManifestVariable {
  readonly required: boolean;
  readonly hasDefault: boolean;
}

export interface SpinManifestFacts {
  readonly uri: string;
  readonly appName: string | undefined;
  readonly componentIds: readonly string[];
  /** Application variables by name. */
  readonly variables: ReadonlyMap<string, ManifestVariable>;
}

const cache = new RecentlyUsed<{ text: string; facts: SpinManifestFacts | undefined }>(64);

/** The facts of one spin.toml, or undefined when it is missing or not valid TOML. */
function manifestFacts(uri: string, text: string | undefined): SpinManifestFacts | undefined {
  if (text === undefined) return undefined;
  const hit = cache.get(uri);
  if (hit && hit.text === text) return hit.facts;
  let facts: SpinManifestFacts | undefined;
  try {
    // The spin.toml language's own model of this text: parsed once for both, and re-parsed only
    // in the sections an edit touched.
    const model = modelOf({ uri, text });
    if (model.parse.root) {
      const variables = new Map<string, ManifestVariable>();
      for (const v of model.variables) {
        variables.set(v.name, { required: v.required?.value === true, hasDefault: v.default !== undefined });
      }
      facts = {
        uri,
        appName: model.application.name?.value,
        componentIds: [...model.componentsById.keys()],
        variables,
      };
    }
  } catch {
    facts = undefined;
  }
  cache.set(uri, { text, facts });
  return facts;
}

/** The folder part of a URI, with its trailing `/`. */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** Finds the spin.toml a SpinApp belongs to: one in the same folder, else one whose app name matches. */
export class ManifestFinder {
  private all: SpinManifestFacts[] | undefined;

  constructor(private readonly workspace: WorkspaceView) {}

  private manifests(): SpinManifestFacts[] {
    if (!this.all) {
      this.all = [];
      let uris: readonly string[] = [];
      try {
        uris = this.workspace.spinManifests();
      } catch {
        uris = [];
      }
      for (const uri of uris) {
        let text: string | undefined;
        try {
          text = this.workspace.readFile(uri);
        } catch {
          text = undefined;
        }
        const facts = manifestFacts(uri, text);
        if (facts) this.all.push(facts);
      }
    }
    return this.all;
  }

  forApp(appUri: string, appName: string | undefined): SpinManifestFacts | undefined {
    const folder = folderOf(appUri);
    const manifests = this.manifests();
    const sameFolder = manifests.find((m) => folderOf(m.uri) === folder);
    if (sameFolder) return sameFolder;
    if (appName === undefined) return undefined;
    return manifests.find((m) => m.appName === appName);
  }
}

/** A short, readable name of a manifest for messages: its folder and file name. */
export function manifestLabel(uri: string): string {
  const parts = uri.split('/').filter(Boolean);
  return decodeURIComponent(parts.slice(-2).join('/'));
}
