// Finds the spin.toml of a SpinApp in the workspace by the app's name: the `[application] name`
// (version 2) or top-level `name` (version 1) of the manifest, else the name of its folder.
import * as vscode from 'vscode';
import { manifestAppName } from './manifestAppName';

/** The spin.toml of the workspace that declares the app `appName` (else one in a folder of that name). */
export async function findManifest(appName: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/spin.toml', '**/{node_modules,target,.git}/**', 500);
  const wanted = appName.toLowerCase();
  let byFolder: vscode.Uri | undefined;
  for (const uri of files) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (manifestAppName(text)?.toLowerCase() === wanted) return uri;
    const folder = uri.path.split('/').slice(-2, -1)[0]?.toLowerCase();
    if (folder === wanted) byFolder ??= uri;
  }
  return byFolder;
}

export async function revealManifest(appName: string): Promise<unknown> {
  const found = await findManifest(appName);
  if (found) return vscode.window.showTextDocument(found);
  return vscode.window.showInformationMessage(
    `SpinKube: no spin.toml in the workspace names the app "${appName}".`,
  );
}
