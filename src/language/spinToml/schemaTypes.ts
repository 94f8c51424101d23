// The vocabulary for describing spin.toml tables: which keys exist, their TOML types, which are
// required, and a short explanation of each (used by hover and completion).

export type Shape =
  | { readonly type: 'string'; readonly values?: readonly string[] }
  | { readonly type: 'integer' }
  | { readonly type: 'boolean' }
  | { readonly type: 'any' }
  | { readonly type: 'array'; readonly items: Shape }
  | TableShape
  /** A table whose keys are names chosen by the user (component ids, variable names, …). */
  | { readonly type: 'map'; readonly values: Shape; readonly keyDoc: string }
  /** One of several shapes, chosen by the TOML type of the value (first match wins). */
  | { readonly type: 'oneOf'; readonly options: readonly Shape[]; readonly expected: string };

export interface TableShape {
  readonly type: 'table';
  readonly fields: Readonly<Record<string, Field>>;
  /** Keys not listed are accepted (trigger-specific settings, tool tables). */
  readonly open?: boolean;
}

export interface Field {
  readonly shape: Shape;
  readonly required?: boolean;
  /** Message when a required field is missing (default: Spin's ``missing field `k` ``). */
  readonly missingMessage?: string;
  readonly doc: string;
  /** Still accepted but on its way out: completion and diagnostics show it struck through. */
  readonly deprecated?: boolean;
}

/** Shorthands. */
export const str: Shape = { type: 'string' };
export const int: Shape = { type: 'integer' };
export const bool: Shape = { type: 'boolean' };
export const anything: Shape = { type: 'any' };
export const strings: Shape = { type: 'array', items: str };
export const stringOrStrings: Shape = {
  type: 'oneOf',
  options: [str, strings],
  expected: 'a string or an array of strings',
};

export function table(fields: Record<string, Field>, open = false): TableShape {
  return { type: 'table', fields, open };
}

export function map(values: Shape, keyDoc: string): Shape {
  return { type: 'map', values, keyDoc };
}

export function field(shape: Shape, doc: string, required = false): Field {
  return { shape, doc, required };
}

/** A field Spin still reads but asks users to replace. */
export function deprecatedField(shape: Shape, doc: string): Field {
  return { shape, doc, deprecated: true };
}

/** What a shape expects, in the words of serde's "invalid type" messages. */
export function expectedOf(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'an array';
    case 'table':
    case 'map':
      return 'a table';
    case 'oneOf':
      return shape.expected;
    default:
      return 'a value';
  }
}
