// Cross-file checks: a SpinApp against the spin.toml of its app (same folder, or same app name).
import { isSeq, pairOf, stringOf, valueOf } from '../yaml/ast';
import { CODES } from '../codes';
import { error, warning } from '../findings';
import { ManifestFinder, manifestLabel, type SpinManifestFacts } from '../spinTomlFacts';
import type { SpinKubeObject } from '../spinKubeObjects';
import type { FileFacts } from './ruleContext';

export function checkAgainstSpinToml(facts: FileFacts): void {
  const workspace = facts.ctx.workspace;
  if (!workspace) return;
  const finder = new ManifestFinder(workspace);
  for (const app of facts.objects) {
    if (app.kind !== 'SpinApp' || !app.spec || app.doc.errors.length > 0) continue;
    const manifest = finder.forApp(facts.uri, app.name);
    if (!manifest) continue;
    checkComponents(app, manifest, facts);
    checkVariables(app, manifest, facts);
  }
}

function checkComponents(app: SpinKubeObject, manifest: SpinManifestFacts, facts: FileFacts): void {
  const components = valueOf(app.spec, 'components');
  if (!isSeq(components)) return;
  const known = new Set(manifest.componentIds);
  for (const item of components.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || known.has(item.value)) continue;
    facts.report(
      error(
        CODES.unknownComponent,
        item,
        `component "${item.value}" is not in ${manifestLabel(manifest.uri)} (components: ${manifest.componentIds.join(', ') || 'none'})`,
      ),
    );
  }
}

function checkVariables(app: SpinKubeObject, manifest: SpinManifestFacts, facts: FileFacts): void {
  const list = valueOf(app.spec, 'variables');
  const provided = new Set<string>();
  if (isSeq(list)) {
    for (const item of list.items) {
      const name = stringOf(item, 'name');
      const node = valueOf(item, 'name');
      if (name === undefined || !node) continue;
      // The operator passes SPIN_VARIABLE_<NAME>; Spin reads it back lowercased.
      const spinName = name.toLowerCase();
      provided.add(spinName);
      if (!manifest.variables.has(spinName)) {
        const declared = [...manifest.variables.keys()];
        facts.report(
          warning(
            CODES.unknownVariable,
            node,
            `variable "${name}" is not declared in [variables] of ${manifestLabel(manifest.uri)}, so the app never reads it${declared.length ? ` (declared: ${declared.join(', ')})` : ''}`,
          ),
        );
      }
    }
  }
  // A runtime config from a Secret may bring other variable providers (Vault, Azure Key Vault…).
  if (facts.partial || stringOf(valueOf(app.spec, 'runtimeConfig'), 'loadFromSecret')) return;
  const at = pairOf(app.spec, 'variables')?.key ?? app.specPair?.key ?? app.apiVersion;
  for (const [name, variable] of manifest.variables) {
    if (!variable.required || provided.has(name)) continue;
    facts.report(
      error(
        CODES.missingRequiredVariable,
        at,
        `the app's required variable "${name}" (${manifestLabel(manifest.uri)}) has no value: add it to spec.variables, or the app fails to start`,
        { variable: name },
      ),
    );
  }
}
