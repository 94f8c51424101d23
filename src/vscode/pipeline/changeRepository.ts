// "SpinKube: Change Image Repository…": the image repository Push and Deploy use for a spin.toml,
// remembered for the workspace, changed (it is otherwise reused silently once given, even by
// Scaffold). Validated as Docker reads references: a registry alone is not a repository.
import * as vscode from 'vscode';
import { loadAppManifest } from '../../pipeline/appManifest';
import { PipelineError } from '../../pipeline/events';
import { repositoryProblem } from '../../pipeline/oci/repositoryCheck';
import { askReference, chooseManifest, repositoryKey } from './inputs';

export interface ChangeRepositoryArgs {
  readonly manifest?: string | vscode.Uri;
  /** The new repository (scripts and tests); asked when absent. */
  readonly reference?: string;
}

export async function runChangeRepository(
  state: vscode.Memento,
  arg: unknown,
): Promise<{ reference: string; manifest: string }> {
  const args: ChangeRepositoryArgs =
    arg instanceof vscode.Uri ? { manifest: arg } : typeof arg === 'object' && arg !== null ? arg : {};
  const manifest = await chooseManifest(args.manifest);
  const app = await loadAppManifest(manifest.fsPath);
  let reference: string;
  if (args.reference !== undefined) {
    const problem = repositoryProblem(args.reference, app.name);
    if (problem) throw new PipelineError('usage', problem);
    reference = args.reference.trim();
    await state.update(repositoryKey(manifest), reference);
  } else {
    const current =
      state.get<string>(repositoryKey(manifest)) ??
      vscode.workspace.getConfiguration('spinkube').get<string>('registry.repository', '');
    reference = await askReference(state, manifest, app.name, current);
  }
  void vscode.window.showInformationMessage(`SpinKube: Push and Deploy of ${app.name} now use ${reference}.`);
  return { reference, manifest: manifest.toString() };
}
