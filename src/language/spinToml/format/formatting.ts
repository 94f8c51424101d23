// Formatting a spin.toml document for the editor (whole document or a range), with the
// `spinkube.format.*` settings over taplo's defaults.
import type { LanguageContext, Range, SourceDocument, TextEdit } from '../../types';
import { formatEdits } from './formatDocument';
import { formatOptionsFrom } from './formatOptions';

export function formatSpinToml(
  doc: SourceDocument,
  range: Range | undefined,
  ctx: LanguageContext,
): TextEdit[] {
  return formatEdits(doc.text, formatOptionsFrom(ctx.format), range) ?? [];
}
