// A folder of files under the system temp directory, for tests that need files on disk (a language
// server workspace, a linter run): create it with its files, name them by path or file URI, remove it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TempFolder {
  /** The folder's absolute path. */
  readonly path: string;
  /** The absolute path of a file in the folder (`/`-separated relative path). */
  file(relative: string): string;
  /** The `file:` URI of a file in the folder. */
  uri(relative: string): string;
  /** Writes a file, creating the folders on its way. */
  write(relative: string, text: string): void;
  /** Deletes the folder and everything in it. */
  remove(): void;
}

/** Creates a fresh folder named `<prefix>-XXXXXX` holding the given files (relative path → text). */
export function tempFolder(prefix: string, files: Readonly<Record<string, string>> = {}): TempFolder {
  const root = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const file = (relative: string): string => path.join(root, ...relative.split('/'));
  const folder: TempFolder = {
    path: root,
    file,
    uri: (relative) => pathToFileURL(file(relative)).href,
    write(relative, text) {
      mkdirSync(path.dirname(file(relative)), { recursive: true });
      writeFileSync(file(relative), text);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [relative, text] of Object.entries(files)) folder.write(relative, text);
  return folder;
}
