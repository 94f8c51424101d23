// The Kubernetes objects of a YAML text (every non-empty document), for Apply and `deploy -f`.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../cluster/kinds';
import { PipelineError } from '../events';

/** Throws PipelineError 'manifest' naming the first syntax error or a document that is not an object. */
export function objectsFromYaml(text: string, source: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const error = doc.errors[0];
    if (error) throw new PipelineError('manifest', `${source}: ${error.message.split('\n')[0]}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value) || !('kind' in value)) {
      throw new PipelineError(
        'manifest',
        `${source}: every document must be a Kubernetes object with a kind.`,
      );
    }
    objects.push(value as KubeObject);
  }
  if (objects.length === 0) throw new PipelineError('manifest', `${source}: no Kubernetes object to apply.`);
  return objects;
}
