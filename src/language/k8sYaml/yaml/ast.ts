// A small YAML tree with source offsets: what the checks read. Produced by the fast block parser or,
// for anything unusual, converted from the `yaml` package's tree.

/** A scalar; `quoted` is true when the source forces a string (quotes or a block scalar). */
export interface YScalar {
  readonly kind: 'scalar';
  readonly start: number;
  readonly end: number;
  readonly value: string | number | boolean | null;
  readonly quoted: boolean;
}

export interface YPair {
  readonly key: YScalar;
  /** The value; an empty value (`key:`) is a null scalar of zero width just after the colon. */
  readonly value: YNode;
}

export interface YMap {
  readonly kind: 'map';
  readonly start: number;
  readonly end: number;
  readonly pairs: readonly YPair[];
}

export interface YSeq {
  readonly kind: 'seq';
  readonly start: number;
  readonly end: number;
  readonly items: readonly YNode[];
}

export type YNode = YScalar | YMap | YSeq;

export interface YSyntaxError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** One document of a YAML stream; `start`/`end` cover its text (markers included). */
export interface YDocument {
  readonly start: number;
  readonly end: number;
  readonly contents: YNode | null;
  readonly errors: readonly YSyntaxError[];
}

export function isMap(node: YNode | null | undefined): node is YMap {
  return node?.kind === 'map';
}

export function isSeq(node: YNode | null | undefined): node is YSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: YNode | null | undefined): node is YScalar {
  return node?.kind === 'scalar';
}

export function keyName(pair: YPair): string {
  const value = pair.key.value;
  return value === null ? '' : String(value);
}

/** The pair with this key in a map (first one), or undefined. */
export function pairOf(map: YNode | null | undefined, key: string): YPair | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.pairs) if (keyName(pair) === key) return pair;
  return undefined;
}

/** The value under a key, treating an explicit null as absent. */
export function valueOf(map: YNode | null | undefined, key: string): YNode | undefined {
  const value = pairOf(map, key)?.value;
  return value && !(isScalar(value) && value.value === null) ? value : undefined;
}

/** A scalar value under a key as a string (numbers and booleans stringified), or undefined. */
export function stringOf(map: YNode | null | undefined, key: string): string | undefined {
  const value = valueOf(map, key);
  return isScalar(value) && value.value !== null ? String(value.value) : undefined;
}

/** Plain JavaScript value of a node (for tests and small lookups). */
export function toPlain(node: YNode | null | undefined): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const pair of node.pairs) out[keyName(pair)] = toPlain(pair.value);
  return out;
}

/** Words kubectl's YAML 1.1 reader takes as booleans when unquoted (YAML 1.2 reads them as strings). */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** The boolean kubectl would send for an unquoted YAML 1.1 word such as `yes` or `off`, else undefined. */
export function yaml11Boolean(node: YNode | null | undefined): boolean | undefined {
  if (!isScalar(node) || node.quoted || typeof node.value !== 'string') return undefined;
  return YAML11_BOOLEANS.get(node.value);
}

/** A scalar's boolean value as kubectl reads it (true/false, and unquoted yes/no/on/off…). */
export function booleanOf(node: YNode | null | undefined): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  return yaml11Boolean(node);
}
