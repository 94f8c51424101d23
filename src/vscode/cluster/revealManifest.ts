// Finds the spin.toml of a SpinApp in the workspace by the app's name: the `[application] name`
// (version 2) or top-level `name` (version 1) of the manifest, else the name of its folder.
import * as vscode from 'vscode';
import { manifestAppName } from './manifestAppName';

export async function revealManifest(appName: string): Promise<unknown> {
  const files = await vscode.workspace.findFiles('**/spin.toml', '**/{node_modules,target,.git}/**', 500);
  const wanted = appName.toLowerCase();
  let byFolder: vscode.Uri | undefined;
  for (const uri of files) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (manifestAppName(text)?.toLowerCase() === wanted) return vscode.window.showTextDocument(uri);
    const folder = uri.path.split('/').slice(-2, -1)[0]?.toLowerCase();
    if (folder === wanted) byFolder ??= uri;
  }
  if (byFolder) return vscode.window.showTextDocument(byFolder);
  return vscode.window.showInformationMessage(
    `SpinKube: no spin.toml in the workspace names the app "${appName}".`,
  );
}
