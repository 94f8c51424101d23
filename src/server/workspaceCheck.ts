import { promises as fsp } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import { findManifestFiles } from '../language/manifestFiles';
import type { LanguageService } from '../language/service';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type LanguageContext,
  type SourceDocument,
} from '../language/types';
import type { CheckWorkspaceResult } from './protocol';

/** Files larger than this are not read by a workspace check (a manifest is never this big). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface WorkspaceCheckInput {
  readonly folders: readonly string[];
  readonly service: LanguageService;
  readonly context: LanguageContext;
  /** The open document for a URI, whose text wins over the disk. */
  openSource(uri: string): SourceDocument | undefined;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  readonly token?: CancellationToken;
}

export interface WorkspaceCheckOutcome extends CheckWorkspaceResult {
  /** URIs that were checked (their diagnostics were published). */
  readonly uris: readonly string[];
}

/**
 * Validates every spin.toml and YAML file under the workspace folders (skipping node_modules and
 * .git) and publishes the diagnostics of each. Yields to the event loop between files so other
 * requests are answered, and stops early when cancelled. Only files a language checks count.
 */
export async function checkWorkspaceFiles(input: WorkspaceCheckInput): Promise<WorkspaceCheckOutcome> {
  const uris: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of await findManifestFiles(input.folders)) {
    if (input.token?.isCancellationRequested) break;
    const uri = pathToFileURL(file).href;
    const doc = input.openSource(uri) ?? (await readSource(file, uri));
    if (!doc || !input.service.handles(doc)) continue;
    const diagnostics = input.service.validate(doc, input.context);
    input.publish(uri, diagnostics);
    uris.push(uri);
    errors += diagnostics.filter(
      (d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error,
    ).length;
    warnings += diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { files: uris.length, errors, warnings, uris };
}

async function readSource(file: string, uri: string): Promise<SourceDocument | undefined> {
  try {
    const stat = await fsp.stat(file);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    return { uri, text: await fsp.readFile(file, 'utf8') };
  } catch {
    return undefined;
  }
}
