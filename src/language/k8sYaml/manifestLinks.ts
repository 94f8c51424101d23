// The spin.toml side of a SpinApp's component ids and variable names: the manifest the cross-file
// checks pair the SpinApp with, and where that manifest declares and uses a name.
import { modelOf } from '../spinToml/document';
import { occurrencesOf } from '../spinToml/occurrences';
import type { LanguageContext, Range, SourceDocument } from '../types';
import { ManifestFinder } from './spinTomlFacts';
import type { SpinKubeObject } from './spinKubeObjects';

export interface ManifestName {
  readonly range: Range;
  readonly declaration: boolean;
}

/** The spin.toml a SpinApp belongs to (same folder, else same app name), with its text. */
export function manifestOfApp(
  appUri: string,
  app: SpinKubeObject,
  ctx: LanguageContext,
  finder = ctx.workspace ? new ManifestFinder(ctx.workspace) : undefined,
): SourceDocument | undefined {
  const workspace = ctx.workspace;
  if (!workspace || !finder) return undefined;
  const uri = finder.forApp(appUri, app.name)?.uri;
  if (uri === undefined) return undefined;
  let text: string | undefined;
  try {
    text = workspace.readFile(uri);
  } catch {
    text = undefined;
  }
  return text === undefined ? undefined : { uri, text };
}

/** Where a spin.toml declares and uses a component id or an application variable (lowercase) name. */
export function namesInManifest(
  manifest: SourceDocument,
  kind: 'component' | 'variable',
  name: string,
): ManifestName[] {
  return occurrencesOf(modelOf(manifest))
    .filter((o) => o.kind === kind && o.name === name)
    .map((o) => ({ range: o.range, declaration: o.declaration }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the spin.toml has a sub-table header of the component (`[component.<id>.build]`, …) that
 * its occurrences do not cover: renaming the id there would leave an orphan table behind.
 */
export function hasUncoveredSubtables(
  manifest: SourceDocument,
  id: string,
  names: readonly ManifestName[],
): boolean {
  const quotedOrBare = `(?:"${escapeRegExp(id)}"|'${escapeRegExp(id)}'|${escapeRegExp(id)})`;
  const header = new RegExp(`^[ \\t]*\\[[ \\t]*component[ \\t]*\\.[ \\t]*${quotedOrBare}[ \\t]*\\.`);
  const covered = new Set(names.map((n) => n.range.start.line));
  return manifest.text.split('\n').some((line, index) => header.test(line) && !covered.has(index));
}
