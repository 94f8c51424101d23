// A workspace held in memory (file URI → text), for language tests that need other files: reads,
// existence, the spin.toml list and glob expansion relative to a folder URI.
import { FilesGlob } from '../../src/language/spinGlob';
import type { WorkspaceView } from '../../src/language/types';

export class MemoryWorkspace implements WorkspaceView {
  constructor(private readonly files: Readonly<Record<string, string>>) {}

  readFile(uri: string): string | undefined {
    return this.files[uri];
  }

  exists(uri: string): boolean {
    return uri in this.files;
  }

  spinManifests(): readonly string[] {
    return Object.keys(this.files).filter((u) => u.endsWith('/spin.toml'));
  }

  glob(baseUri: string, pattern: string): readonly string[] {
    const base = baseUri.endsWith('/') ? baseUri : `${baseUri}/`;
    const glob = new FilesGlob(pattern);
    return Object.keys(this.files).filter((u) => u.startsWith(base) && glob.matches(u.slice(base.length)));
  }
}
