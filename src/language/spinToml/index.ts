// The spin.toml language: validation, completion, hover, quick fixes, symbols, navigation,
// rename and formatting, all pure functions of the document text (and the optional context). No method throws:
// each is wrapped so that unexpected input gives an empty answer instead of an exception.
import type { DocumentLanguage } from '../types';
import { codeActions } from './codeActions';
import { complete } from './completion';
import { formatSpinToml } from './format/formatting';
import { hover } from './hover';
import { definition, references, rename } from './navigation';
import { documentSymbols } from './symbols';
import { validateSpinToml } from './validate';

function guarded<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch {
      return fallback;
    }
  };
}

export const spinTomlLanguage: DocumentLanguage = {
  validate: (doc, ctx) => validateSpinToml(doc, ctx),
  complete: guarded((doc, position, ctx) => complete(doc, position, ctx), []),
  hover: guarded((doc, position) => hover(doc, position), null),
  codeActions: guarded((doc, range, diagnostics) => codeActions(doc, range, diagnostics), []),
  symbols: guarded((doc) => documentSymbols(doc), []),
  format: guarded((doc, range, ctx) => formatSpinToml(doc, range, ctx), []),
  definition: guarded((doc, position) => definition(doc, position), []),
  references: guarded((doc, position) => references(doc, position), []),
  rename: guarded((doc, position, newName) => rename(doc, position, newName), null),
};

export { parseSpinToml } from './parse';
export { buildModel } from './model';
export { modelOf } from './document';
export { migrateV1ToV2 } from './migrateV1';
export type * from './modelTypes';
