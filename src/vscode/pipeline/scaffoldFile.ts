// Scaffold's "Write spinapp.yaml next to spin.toml": a new file is written as scaffolded; an
// existing one is merged (the user's fields kept, scaffold's own changed: mergeSpinApp.ts), and the
// change is shown as a diff and confirmed before anything is written.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PipelineError } from '../../pipeline/events';
import { mergeSpinApp } from '../../pipeline/scaffold/mergeSpinApp';
import type { ScaffoldResult } from '../../pipeline/scaffold';

const SCHEME = 'spinkube-scaffold';
/** The proposed texts the diff's right side shows, by path. */
const proposals = new Map<string, string>();
let provider: vscode.Disposable | undefined;

function proposalUri(file: vscode.Uri, text: string): vscode.Uri {
  provider ??= vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    provideTextDocumentContent: (uri) => proposals.get(uri.path) ?? '',
  });
  proposals.set(file.path, text);
  return vscode.Uri.from({ scheme: SCHEME, path: file.path, query: String(Date.now()) });
}

export interface ScaffoldFileOutcome {
  readonly uri: vscode.Uri;
  readonly yaml: string;
  /** 'created', 'merged', or 'unchanged' (the file already said what scaffold would). */
  readonly result: 'created' | 'merged' | 'unchanged';
}

/**
 * Writes the scaffolded SpinApp to spinapp.yaml next to spin.toml, merging into an existing file
 * after showing the diff (`confirm` false: without asking, for scripts and tests).
 */
export async function writeScaffoldFile(
  manifest: vscode.Uri,
  scaffolded: ScaffoldResult,
  confirm: boolean,
): Promise<ScaffoldFileOutcome> {
  const uri = vscode.Uri.file(path.join(path.dirname(manifest.fsPath), 'spinapp.yaml'));
  let existing: string | undefined;
  try {
    existing = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    existing = undefined;
  }
  if (existing === undefined) {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(scaffolded.yaml, 'utf8'));
    return { uri, yaml: scaffolded.yaml, result: 'created' };
  }
  const merged = mergeSpinApp(existing, scaffolded);
  if (!merged.changed) {
    void vscode.window.showInformationMessage(
      'SpinKube: spinapp.yaml already says what Scaffold would write.',
    );
    return { uri, yaml: existing, result: 'unchanged' };
  }
  if (confirm) {
    const right = proposalUri(uri, merged.text);
    await vscode.commands.executeCommand('vscode.diff', uri, right, 'spinapp.yaml ↔ Scaffold (proposed)', {
      preview: true,
    });
    const answer = await vscode.window.showInformationMessage(
      'Write these changes to spinapp.yaml? Scaffold changes only the image, executor, components and missing required variables; your other fields stay.',
      { modal: true },
      'Write',
    );
    if (answer !== 'Write') {
      throw new PipelineError('cancelled', 'Scaffold cancelled: spinapp.yaml was not changed.');
    }
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(merged.text, 'utf8'));
  return { uri, yaml: merged.text, result: 'merged' };
}
