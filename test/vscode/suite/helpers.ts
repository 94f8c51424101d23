// Helpers for suites that run inside the real extension host.
import * as vscode from 'vscode';
import type { SpinKubeApi } from '../../../src/vscode/api';

export const EXTENSION_ID = 'spinkube-community.spinkube';

/** The extension under test (throws when VS Code does not know it). */
export function getExtension(): vscode.Extension<SpinKubeApi> {
  const extension = vscode.extensions.getExtension<SpinKubeApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension;
}

/** Activates the extension (if it is not active yet) and returns what activate() returned. */
export async function getApi(): Promise<SpinKubeApi> {
  return getExtension().activate();
}

/**
 * Polls `probe` until it returns something other than undefined/false/null and returns that.
 * Rejects after `timeoutMs` with `what` and the last error the probe threw, if any.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError
        ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`
        : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first workspace folder (the test window always opens one). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test window has no workspace folder');
  return folder.uri;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Writes a file into the workspace (creating folders) and returns its URI. */
export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Removes a file or folder of the workspace; missing is fine. */
export async function removeWorkspaceFile(relativePath: string): Promise<void> {
  try {
    await vscode.workspace.fs.delete(workspaceUri(relativePath), { recursive: true, useTrash: false });
  } catch {
    // already gone
  }
}

/** Opens a workspace file in an editor and returns the editor. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** The diagnostics that SpinKube (not another extension) reports for a document. */
export function spinkubeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'spinkube');
}
