// The folder a test window opens: a copy of the repository's sample app (without its installed
// or built files) in a temp folder, so tests may write into it; a minimal app when there is none.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from './repoPaths';

const NOT_COPIED = new Set(['node_modules', 'target', '.spin', '.git']);

const MINIMAL_MANIFEST = `spin_manifest_version = 2

[application]
name = "hello"
version = "0.1.0"

[[trigger.http]]
route = "/..."
component = "hello"

[component.hello]
source = "hello.wasm"
`;

/** Creates the workspace folder `workspace` (it must not exist yet) and returns its path. */
export function createTestWorkspace(workspace: string): string {
  const sample = join(repoRoot, 'sample');
  if (existsSync(join(sample, 'spin.toml'))) {
    cpSync(sample, workspace, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
  } else {
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'spin.toml'), MINIMAL_MANIFEST);
  }
  return workspace;
}
