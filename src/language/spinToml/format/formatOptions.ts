// The choices a spin.toml formatting makes, with taplo's defaults (Even Better TOML's formatter),
// and the few users may change through `spinkube.format.*`.

export interface TomlFormatOptions {
  /** Longest line before an array is laid out one item per line (taplo `column_width`). */
  readonly columnWidth: number;
  /** A comma after the last item of an array laid out one item per line (taplo `array_trailing_comma`). */
  readonly arrayTrailingComma: boolean;
  /** Blank lines kept in a row; more are removed (taplo `allowed_blank_lines`). */
  readonly allowedBlankLines: number;
  /** Indentation of the items of an array laid out one item per line (taplo `indent_string`). */
  readonly indent: string;
}

export const DEFAULT_FORMAT_OPTIONS: TomlFormatOptions = {
  columnWidth: 80,
  arrayTrailingComma: true,
  allowedBlankLines: 2,
  indent: '  ',
};

/** Options from a partial, untrusted object (settings); anything malformed keeps its default. */
export function formatOptionsFrom(raw: unknown): TomlFormatOptions {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_FORMAT_OPTIONS;
  const count = (v: unknown, min: number, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? v : fallback;
  return {
    columnWidth: count(o.columnWidth, 20, d.columnWidth),
    arrayTrailingComma:
      typeof o.arrayTrailingComma === 'boolean' ? o.arrayTrailingComma : d.arrayTrailingComma,
    allowedBlankLines: count(o.allowedBlankLines, 0, d.allowedBlankLines),
    indent: typeof o.indent === 'string' && /^( +|\t)$/.test(o.indent) ? o.indent : d.indent,
  };
}
