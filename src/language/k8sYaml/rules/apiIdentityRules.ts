// apiVersion and kind of a SpinKube document: the legacy group, versions and kinds that are not served.
import { CODES } from '../codes';
import { error, warning } from '../findings';
import {
  CURRENT_API_VERSION,
  KNOWN_KINDS,
  LEGACY_GROUP,
  SPINKUBE_GROUP,
  SPINKUBE_VERSION,
  type SpinKubeObject,
} from '../spinKubeObjects';
import { closestName } from '../../didYouMean';
import type { FileFacts } from './ruleContext';

export function checkApiIdentity(object: SpinKubeObject, facts: FileFacts): void {
  const { report, ctx } = facts;
  const installedGroup = ctx.cluster?.apiGroup;
  const at = object.apiVersion;
  if (object.group === LEGACY_GROUP && installedGroup !== LEGACY_GROUP) {
    report(
      warning(
        CODES.legacyApiGroup,
        at,
        `${LEGACY_GROUP} is the old API group of SpinKube, renamed to ${SPINKUBE_GROUP} in September 2024; current operators only serve ${CURRENT_API_VERSION}`,
        { replacement: CURRENT_API_VERSION },
      ),
    );
  } else if (object.group === SPINKUBE_GROUP && installedGroup === LEGACY_GROUP) {
    report(
      error(
        CODES.apiGroupNotInstalled,
        at,
        `the connected cluster runs an older SpinKube operator that serves ${LEGACY_GROUP}, not ${SPINKUBE_GROUP}`,
        { replacement: `${LEGACY_GROUP}/${SPINKUBE_VERSION}` },
      ),
    );
  } else if (object.version !== SPINKUBE_VERSION) {
    report(
      error(
        CODES.unknownApiVersion,
        at,
        `no version "${object.version}" of ${object.group} is served; use ${object.group}/${SPINKUBE_VERSION}`,
        { replacement: `${object.group}/${SPINKUBE_VERSION}` },
      ),
    );
  }
  if (object.kind) return;
  const kindValue = object.kindPair?.value;
  const raw =
    kindValue && kindValue.kind === 'scalar' && kindValue.value !== null ? String(kindValue.value) : '';
  if (!object.kindPair || raw === '') {
    report(
      error(CODES.unknownKind, object.kindPair?.key ?? at, `kind is required: ${KNOWN_KINDS.join(' or ')}`),
    );
    return;
  }
  const suggestion = closestName(raw, KNOWN_KINDS);
  report(
    error(
      CODES.unknownKind,
      kindValue ?? at,
      `kind "${raw}" is not served by ${object.group} (it serves ${KNOWN_KINDS.join(' and ')})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      suggestion ? { replacement: suggestion } : undefined,
    ),
  );
}
