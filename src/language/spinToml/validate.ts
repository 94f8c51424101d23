// Validation: the TOML syntax error if any, else every rule over the model. A rule that throws
// reports itself as one diagnostic instead of breaking validation.
import type { Diagnostic, LanguageContext, SourceDocument } from '../types';
import { modelOf } from './document';
import { SPIN_TOML_RULES } from './rules';
import { collectingReporter } from './rules/ruleTypes';

export const CODE_RULE_FAILED = 'spin-toml/rule-failed';

export function validateSpinToml(doc: SourceDocument, ctx: LanguageContext): Diagnostic[] {
  let model: ReturnType<typeof modelOf>;
  try {
    model = modelOf(doc);
  } catch (error) {
    const out: Diagnostic[] = [];
    const reason = error instanceof Error ? error.message : String(error);
    collectingReporter(out).warning(
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      CODE_RULE_FAILED,
      `SpinKube could not read this spin.toml: ${reason}`,
    );
    return out;
  }
  if (model.parse.syntaxErrors.length > 0) return [...model.parse.syntaxErrors];
  const out: Diagnostic[] = [];
  const report = collectingReporter(out);
  for (const rule of SPIN_TOML_RULES) {
    try {
      rule.check({ model, ctx, uri: doc.uri, report });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report.warning(
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        CODE_RULE_FAILED,
        `SpinKube could not run the "${rule.name}" check: ${reason}`,
      );
    }
  }
  return out;
}
