// One parse and model per document text: every feature (validation, completion, hover, fixes)
// asks here, so a document version is parsed once however many requests it gets.
import { RecentlyUsed } from '../recentlyUsed';
import type { SourceDocument } from '../types';
import { buildModel } from './model';
import type { SpinManifestModel } from './modelTypes';
import { parseSpinToml } from './parse';

const cache = new RecentlyUsed<{ text: string; model: SpinManifestModel }>(16);

export function modelOf(doc: SourceDocument): SpinManifestModel {
  const hit = cache.get(doc.uri);
  if (hit && hit.text === doc.text) return hit.model;
  // The previous version's sections are reused: an edit re-parses only what it touched, and the
  // model keeps the components and triggers it did not touch.
  const model = buildModel(parseSpinToml(doc.text, hit?.model.parse), hit?.model);
  cache.set(doc.uri, { text: doc.text, model });
  return model;
}
