// Scalar resolution of the YAML 1.2 core schema (the `yaml` package's default), and quoted-string
// decoding. Anything this does not understand returns undefined so the caller can defer.

/** The value of a plain (unquoted) scalar under the core schema. */
export function resolvePlain(source: string): string | number | boolean | null {
  if (source === '' || source === '~' || source === 'null' || source === 'Null' || source === 'NULL') {
    return null;
  }
  const first = source.charCodeAt(0);
  // Only strings starting with a digit, sign, dot or t/T/f/F can be anything but a string.
  const maybeSpecial =
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 116 ||
    first === 84 ||
    first === 102 ||
    first === 70;
  if (!maybeSpecial) return source;
  if (source === 'true' || source === 'True' || source === 'TRUE') return true;
  if (source === 'false' || source === 'False' || source === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(source)) return Number.parseInt(source, 10);
  if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(source)) return Number(source);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(source)) return Number.NaN;
  return source;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Decodes the inside of a one-line double-quoted scalar; undefined on an escape it does not know. */
export function decodeDoubleQuoted(inner: string): string | undefined {
  if (!inner.includes('\\')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const esc = inner[i + 1];
    if (esc === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const length = HEX_LENGTH[esc];
    if (length === undefined) return undefined;
    const hex = inner.slice(i + 2, i + 2 + length);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) return undefined;
    out += String.fromCodePoint(Number.parseInt(hex, 16));
    i += 1 + length;
  }
  return out;
}

/** Decodes the inside of a one-line single-quoted scalar (`''` is a quote). */
export function decodeSingleQuoted(inner: string): string {
  return inner.replace(/''/g, "'");
}
