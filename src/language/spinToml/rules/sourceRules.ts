// Component `source` forms (SPEC §1a.6): `{ url, digest }` needs a `sha256:` digest, registry
// packages need an exact semantic version.
import type { RuleInput, SpinTomlRule } from './ruleTypes';
import { stringAt, tableAt } from '../read';

export const CODE_DIGEST = 'spin-toml/digest';
export const CODE_SOURCE = 'spin-toml/source';
export const CODE_PACKAGE_VERSION = 'spin-toml/package-version';

const EXACT_SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const sourceRule: SpinTomlRule = {
  name: 'sources',
  check({ model, report }: RuleInput) {
    for (const component of model.components) {
      const source = component.source;
      if (!source) continue;
      switch (source.kind) {
        case 'url':
          if (!source.digest) {
            report.error(
              source.range,
              CODE_SOURCE,
              'missing field `digest`: a `url` source needs a `digest = "sha256:…"`',
            );
          } else if (!source.digest.value.startsWith('sha256:')) {
            report.error(
              source.digest.range,
              CODE_DIGEST,
              `invalid \`digest\` "${source.digest.value}"; must start with 'sha256:'`,
            );
          }
          break;
        case 'registry':
          if (!EXACT_SEMVER.test(source.version)) {
            const at = stringAt(tableAt(component.node, 'source'), 'version');
            report.error(
              at?.range ?? source.range,
              CODE_PACKAGE_VERSION,
              `Component ${component.id} specifies an invalid semantic version ("${source.version}") for its package version`,
            );
          }
          break;
        case 'invalid':
          if (!tableAt(component.node, 'source')) break; // a wrong TOML type is the schema rule's
          report.error(
            source.range,
            CODE_SOURCE,
            'data did not match any variant of untagged enum ComponentSource: use a path, `{ url, digest }` or `{ package, version }`',
          );
          break;
        default:
          break;
      }
    }
  },
};
