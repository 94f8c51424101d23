// The shape of a SpinKube object against its schema: the CRD installed in the cluster when known,
// else the bundled description. Every schema issue becomes one finding.
import { CODES, schemaCode } from '../codes';
import { objectMeta } from '../coreV1Schemas';
import { executorSchema } from '../executorSchema';
import { error, warning } from '../findings';
import { isSchemaObject, type OpenApiSchema } from '../openApi';
import { validateAgainstSchema } from '../schemaValidator';
import { spinAppSchema } from '../spinAppSchema';
import type { SpinKubeKind, SpinKubeObject } from '../spinKubeObjects';
import type { LanguageContext } from '../../types';
import type { FileFacts } from './ruleContext';

const installedCache = new WeakMap<object, OpenApiSchema>();

/** The schema a kind is checked against: the cluster's SpinApp CRD (with full metadata rules) or ours. */
export function schemaFor(kind: SpinKubeKind, ctx: LanguageContext): OpenApiSchema {
  if (kind === 'SpinAppExecutor') return executorSchema;
  const installed = ctx.cluster?.spinAppSchema;
  if (!isSchemaObject(installed)) return spinAppSchema;
  const properties: unknown = installed.properties;
  if (!isSchemaObject(properties)) return spinAppSchema;
  let merged = installedCache.get(installed);
  if (!merged) {
    // CRDs describe metadata as a bare object; the API server checks it as ObjectMeta.
    const withMeta: Record<string, OpenApiSchema> = {
      ...(properties as Record<string, OpenApiSchema>),
      metadata: objectMeta,
    };
    merged = { ...installed, properties: withMeta };
    installedCache.set(installed, merged);
  }
  return merged;
}

export function checkStructure(object: SpinKubeObject, facts: FileFacts): void {
  const kind = object.kind;
  if (!kind) return;
  const { report } = facts;
  const schema = schemaFor(kind, facts.ctx);
  for (const issue of validateAgainstSchema(object.root, schema, '', object.apiVersion)) {
    // A missing executor is filled by the operator's webhook; the SpinApp rules report it.
    if (kind === 'SpinApp' && issue.kind === 'missing-required' && issue.path === 'spec.executor') continue;
    if (facts.partial && issue.kind === 'missing-required') continue;
    const code = schemaCode(kind, issue.kind);
    const at = { start: issue.start, end: issue.end };
    const data = issue.suggestion ? { replacement: issue.suggestion } : undefined;
    report(
      issue.kind === 'unknown-field'
        ? warning(code, at, issue.message, data)
        : error(code, at, issue.message, data),
    );
  }
  if (facts.partial) return;
  if (!object.name) {
    const metadata = object.metadataPair?.value;
    const generateName =
      metadata?.kind === 'map' && metadata.pairs.some((p) => String(p.key.value) === 'generateName');
    if (!generateName) {
      report(
        error(
          CODES.missingName,
          object.namePair?.key ?? object.metadataPair?.key ?? object.apiVersion,
          'metadata.name is required',
        ),
      );
    }
  }
  const specValue = object.specPair?.value;
  if (!specValue || (specValue.kind === 'scalar' && specValue.value === null)) {
    const needs = kind === 'SpinApp' ? 'spec.image and spec.executor' : 'spec.createDeployment';
    report(
      error(
        CODES.missingSpec,
        object.specPair?.key ?? object.kindPair?.key ?? object.apiVersion,
        `spec is required: a ${kind} needs at least ${needs}`,
      ),
    );
  }
}
