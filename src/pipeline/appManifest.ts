// The spin.toml the pipeline works on: the language service's model of it without positions
// (language/spinToml/appDefinition.ts), read from disk, with where it lives.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { appDefinition, type AppDefinition } from '../language/spinToml/appDefinition';
import { buildModel } from '../language/spinToml/model';
import { parseSpinToml } from '../language/spinToml/parse';
import { PipelineError } from './events';

export type {
  AppComponent,
  AppDependency,
  AppTrigger,
  AppVariable,
  AppBuild as BuildConfig,
  AppFileMount as FileMount,
  AppSource as ComponentSource,
} from '../language/spinToml/appDefinition';
export type { PlainTable, PlainValue } from '../language/spinToml/plainValue';

export interface AppManifest extends AppDefinition {
  readonly manifestPath: string;
  /** The folder of spin.toml: relative paths are resolved against it. */
  readonly root: string;
}

/** Reads and interprets spin.toml; a missing file or invalid TOML is a `manifest` PipelineError. */
export async function loadAppManifest(manifestPath: string): Promise<AppManifest> {
  const absolute = path.resolve(manifestPath);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new PipelineError('manifest', `Cannot read ${absolute}: ${(error as Error).message}`);
  }
  return appManifestFromText(text, absolute);
}

export function appManifestFromText(text: string, manifestPath: string): AppManifest {
  const parsed = parseSpinToml(text);
  const app = appDefinition(buildModel(parsed));
  if (!app) {
    const first = parsed.syntaxErrors[0];
    const where = first ? ` (line ${first.range.start.line + 1})` : '';
    throw new PipelineError('manifest', `${manifestPath}${where}: ${first?.message ?? 'invalid TOML'}`);
  }
  return { ...app, manifestPath, root: path.dirname(manifestPath) };
}
