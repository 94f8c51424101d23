// What Run Locally needs from a spin.toml, read through the language service's model (the same
// parse and checks as the editor): the HTTP routes, the components they use, and the app's
// variables. Anything the local host cannot run is refused here, in one sentence, before serving.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModel } from '../language/spinToml/model';
import type {
  ComponentModel,
  FileMount,
  SpinManifestModel,
  TriggerModel,
} from '../language/spinToml/modelTypes';
import { parseSpinToml } from '../language/spinToml/parse';
import { booleanAt, child, stringAt, stringOf } from '../language/spinToml/read';
import { validateSpinToml } from '../language/spinToml/validate';
import { DiagnosticSeverity } from '../language/types';
import { LocalRunError, ELSEWHERE } from './localRunError';
import type { RouteEntry } from './routes';

export interface LocalComponent {
  readonly id: string;
  /** Absolute path of the Wasm file. */
  readonly sourcePath: string;
  readonly files: readonly FileMount[];
  readonly excludeFiles: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** Component variables: name → template (`{{ app_var }}` allowed). */
  readonly variables: ReadonlyMap<string, string>;
  readonly allowedOutboundHosts: readonly string[];
  readonly keyValueStores: readonly string[];
  /** `build.watch` globs, relative to the build's folder. */
  readonly watch: readonly string[];
  /** The build's folder (the app folder, or `build.workdir` under it). */
  readonly buildFolder: string;
  readonly hasBuild: boolean;
}

export interface AppVariable {
  readonly name: string;
  readonly default?: string;
  readonly required: boolean;
}

export interface LocalApp {
  readonly manifestPath: string;
  readonly root: string;
  readonly name: string;
  /** Public routes in manifest order (private ones are left out, as in Spin). */
  readonly routes: readonly RouteEntry[];
  /** The components the HTTP triggers use, by id. */
  readonly components: ReadonlyMap<string, LocalComponent>;
  readonly variables: readonly AppVariable[];
  /** Warnings Spin would print at start-up. */
  readonly warnings: readonly string[];
}

export function readLocalApp(manifestPath: string): LocalApp {
  const absolute = path.resolve(manifestPath);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new LocalRunError(`Cannot read ${absolute}: ${(error as Error).message}`);
  }
  const uri = pathToFileURL(absolute).toString();
  const firstError = validateSpinToml({ uri, text }, {}).find((d) => d.severity === DiagnosticSeverity.Error);
  if (firstError) {
    throw new LocalRunError(
      `${path.basename(absolute)} has errors (line ${firstError.range.start.line + 1}: ${firstError.message}); fix them to run the app.`,
    );
  }
  return localAppOf(buildModel(parseSpinToml(text)), absolute);
}

function localAppOf(model: SpinManifestModel, manifestPath: string): LocalApp {
  const root = path.dirname(manifestPath);
  const warnings: string[] = [];
  const others = [...model.triggersByType.keys()].filter((type) => type !== 'http');
  if (others.length > 0) {
    throw new LocalRunError(
      `This app has a ${others.join(', ')} trigger, and Run Locally serves only HTTP triggers: ${ELSEWHERE}`,
    );
  }
  checkBase(model, warnings);
  const routes: RouteEntry[] = [];
  const components = new Map<string, LocalComponent>();
  for (const trigger of model.triggersByType.get('http') ?? []) {
    const componentId = triggerComponentId(trigger);
    const component = componentId === undefined ? undefined : model.componentsById.get(componentId);
    if (!component) throw new LocalRunError(`An HTTP trigger names no component the manifest declares.`);
    if (!components.has(component.id)) components.set(component.id, localComponent(component, root));
    const route = readRoute(trigger, component.id);
    if (route !== undefined) routes.push({ raw: route, componentId: component.id });
  }
  if (components.size === 0) throw new LocalRunError('This app has no HTTP trigger to serve.');
  return {
    manifestPath,
    root,
    name: model.application.name?.value ?? path.basename(root),
    routes,
    components,
    variables: model.variables.map((v) => ({
      name: v.name,
      ...(v.default ? { default: v.default.value } : {}),
      required: v.required?.value === true,
    })),
    warnings,
  };
}

function checkBase(model: SpinManifestModel, warnings: string[]): void {
  const base = stringAt(model.application.triggerSettings.get('http'), 'base')?.value;
  if (base === undefined) return;
  if (base === '/') {
    warnings.push(
      "This application is using the deprecated trigger 'base' field. It has no effect and can be removed.",
    );
    return;
  }
  throw new LocalRunError(
    "This application is using the deprecated trigger 'base' field. The base must be prepended to each [[trigger.http]]'s 'route'.",
  );
}

function triggerComponentId(trigger: TriggerModel): string | undefined {
  const ref = trigger.component;
  if (!ref) return undefined;
  return ref.kind === 'ref' ? ref.id : ref.componentId;
}

/** The route string, or undefined for a private route (reachable only by service chaining). */
function readRoute(trigger: TriggerModel, componentId: string): string | undefined {
  const node = child(trigger.node, 'route');
  const route = stringOf(node);
  if (route) return route.value;
  if (node?.kind === 'table') {
    if (booleanAt(node, 'private')?.value === true) return undefined;
    throw new LocalRunError(`The route of component ${componentId} must be a string or { private = true }.`);
  }
  throw new LocalRunError(`The HTTP trigger of component ${componentId} has no route.`);
}

function localComponent(component: ComponentModel, root: string): LocalComponent {
  const source = component.source;
  if (source?.kind !== 'path') {
    const what =
      source?.kind === 'url' ? 'a URL' : source?.kind === 'registry' ? 'a registry package' : 'missing';
    throw new LocalRunError(
      `The source of component ${component.id} is ${what}, and Run Locally runs only local Wasm files: ${ELSEWHERE}`,
    );
  }
  if (component.dependencies.length > 0) {
    throw new LocalRunError(
      `Component ${component.id} has [dependencies], which Run Locally does not compose: ${ELSEWHERE}`,
    );
  }
  const workdir = component.build?.workdir?.value;
  return {
    id: component.id,
    sourcePath: path.resolve(root, source.path),
    files: component.files,
    excludeFiles: component.excludeFiles.map((e) => e.value),
    environment: Object.fromEntries([...component.environment].map(([k, v]) => [k, v.value])),
    variables: new Map([...component.variables].map(([k, v]) => [k, v.value])),
    allowedOutboundHosts: component.allowedOutboundHosts.map((h) => h.value),
    keyValueStores: component.keyValueStores.map((s) => s.value),
    watch: component.build?.watch.map((w) => w.value) ?? [],
    buildFolder: workdir === undefined ? root : path.resolve(root, workdir),
    hasBuild: (component.build?.command.length ?? 0) > 0,
  };
}
