// One parse and model per document text: every feature (validation, completion, hover, fixes)
// asks here, so a document version is parsed once however many requests it gets.
import type { SourceDocument } from '../types';
import { buildModel } from './model';
import type { SpinManifestModel } from './modelTypes';
import { parseSpinToml } from './parse';

const CACHE_SIZE = 16;
const cache = new Map<string, { text: string; model: SpinManifestModel }>();

export function modelOf(doc: SourceDocument): SpinManifestModel {
  const hit = cache.get(doc.uri);
  if (hit && hit.text === doc.text) return hit.model;
  // The previous version's sections are reused: an edit re-parses only what it touched.
  const model = buildModel(parseSpinToml(doc.text, hit?.model.parse));
  cache.delete(doc.uri);
  cache.set(doc.uri, { text: doc.text, model });
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return model;
}
