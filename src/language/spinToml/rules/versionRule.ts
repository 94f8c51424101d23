// Version detection (SPEC §1a.1): a missing or invalid `spin_manifest_version`, and the
// information that a version 1 manifest can be migrated to version 2.
import { DiagnosticTag } from 'vscode-languageserver-types';
import { firstLineOf } from '../parse';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_VERSION_MISSING = 'spin-toml/version-missing';
export const CODE_VERSION_INVALID = 'spin-toml/version-invalid';
export const CODE_V1_MANIFEST = 'spin-toml/v1-manifest';

export const versionRule: SpinTomlRule = {
  name: 'version',
  check({ model, report }: RuleInput) {
    if (!model.root) return;
    const key = model.versionKey;
    if (!key) {
      const firstLine = firstLineOf(model.parse.text);
      report.error(
        { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
        CODE_VERSION_MISSING,
        "missing field `spin_manifest_version` (Manifest missing 'spin_manifest_version' key)",
      );
      return;
    }
    if (model.version === 'unknown') {
      report.error(
        key.range,
        CODE_VERSION_INVALID,
        `invalid manifest version: ${key.raw} ('${key.name}' must be "1" or 2)`,
      );
      return;
    }
    if (model.version === 1) {
      const oldKey = key.name === 'spin_version' ? " (it uses the old 'spin_version' key)" : '';
      report.info(
        key.keyRange,
        CODE_V1_MANIFEST,
        `Version 1 manifest can be upgraded to version 2${oldKey}`,
        undefined,
        [DiagnosticTag.Deprecated],
      );
    }
  },
};
