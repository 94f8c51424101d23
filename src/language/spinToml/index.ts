// The spin.toml language: validation, completion, hover, quick fixes, symbols, navigation and
// rename, all pure functions of the document text (and the optional context).
import type { DocumentLanguage } from '../types';
import { validateSpinToml } from './validate';

export const spinTomlLanguage: DocumentLanguage = {
  validate: (doc, ctx) => validateSpinToml(doc, ctx),
};

export { parseSpinToml } from './parse';
export { buildModel } from './model';
export type * from './modelTypes';
