// Validation of one YAML file: parse once, find the SpinKube objects, run every rule, convert the
// findings to diagnostics. Files without a SpinKube document get no diagnostics at all.
import type { Diagnostic, LanguageContext, SourceDocument } from '../types';
import { CODES } from './codes';
import { error, toDiagnostic, type Finding } from './findings';
import { LineTable } from '../lineTable';
import { isKustomizePatch, isTemplate } from './patchFiles';
import { checkApiIdentity } from './rules/apiIdentityRules';
import { checkExecutorExists } from './rules/clusterRules';
import { checkExecutorWebhook } from './rules/executorRules';
import { checkDuplicateObjects } from './rules/fileRules';
import { executorsByNamespace, type FileFacts } from './rules/ruleContext';
import { checkSpinAppOperator } from './rules/spinAppOperatorRules';
import { checkSpinAppWebhook } from './rules/spinAppWebhookRules';
import { checkStructure } from './rules/structureRules';
import { checkAgainstSpinToml } from './rules/workspaceRules';
import { SPINKUBE_TEXT, spinKubeObjects } from './spinKubeObjects';
import { parseYamlStream } from './yaml/parseYamlStream';

export function validateK8sYaml(doc: SourceDocument, ctx: LanguageContext): Diagnostic[] {
  try {
    return validateUnsafe(doc, ctx);
  } catch (e) {
    // A bug in a rule must not cost the user the other diagnostics of the session: report it once.
    return [
      toDiagnostic(
        error(
          'spinkube/internal-error',
          { start: 0, end: 0 },
          `SpinKube could not check this file: ${String(e)}`,
        ),
        new LineTable(doc.text),
      ),
    ];
  }
}

function validateUnsafe(doc: SourceDocument, ctx: LanguageContext): Diagnostic[] {
  const text = doc.text;
  // Helm templates cannot be read until rendered: their documents are left alone.
  const docs = parseYamlStream(text, doc.uri).filter((d) => !isTemplate(text.slice(d.start, d.end)));
  const objects = spinKubeObjects(docs);
  const brokenSpinKube = docs.some(
    (d) => d.errors.length > 0 && SPINKUBE_TEXT.test(text.slice(d.start, d.end)),
  );
  if (objects.length === 0 && !brokenSpinKube) return [];
  const findings: Finding[] = [];
  const report = (f: Finding): void => {
    findings.push(f);
  };
  for (const d of docs) {
    for (const e of d.errors) report(error(CODES.yamlSyntax, e, `YAML syntax error: ${e.message}`));
  }
  const facts: FileFacts = {
    uri: doc.uri,
    text,
    objects,
    executors: executorsByNamespace(objects, ctx),
    ctx,
    report,
    partial: isKustomizePatch(doc.uri, ctx.workspace),
  };
  for (const object of objects) {
    if (object.doc.errors.length > 0) continue; // a broken document is reported once, as a syntax error
    checkApiIdentity(object, facts);
    checkStructure(object, facts);
    if (object.kind === 'SpinApp') {
      checkSpinAppWebhook(object, facts);
      checkSpinAppOperator(object, facts);
      checkExecutorExists(object, facts);
    } else if (object.kind === 'SpinAppExecutor') {
      checkExecutorWebhook(object, facts);
    }
  }
  checkDuplicateObjects(facts);
  checkAgainstSpinToml(facts);
  const lines = new LineTable(text);
  return findings.map((f) => toDiagnostic(f, lines));
}
