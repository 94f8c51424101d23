// Checks across the documents of one file.
import { CODES } from '../codes';
import { warning } from '../findings';
import { namespaceKey, type FileFacts } from './ruleContext';

/** The same object (kind, namespace, name) defined twice: the later document replaces the earlier. */
export function checkDuplicateObjects(facts: FileFacts): void {
  const seen = new Set<string>();
  for (const object of facts.objects) {
    if (!object.kind || object.name === undefined || !object.namePair) continue;
    const key = `${object.kind}/${namespaceKey(object, facts.ctx)}/${object.name}`;
    if (seen.has(key)) {
      facts.report(
        warning(
          CODES.duplicateObject,
          object.namePair.value,
          `${object.kind} "${object.name}" is defined more than once in this file; applying it keeps only the last one`,
        ),
      );
    }
    seen.add(key);
  }
}
