// Where the cursor is when it is inside a quoted string value: which key the string belongs to
// (directly, as an item of an array, or inside an inline table), and what has been typed since
// the opening quote. Read from the text, so it works while the file is being typed.

export interface StringContext {
  /** The key whose value (or array item) the string is: `allowed_outbound_hosts`, `source`, … */
  readonly key: string;
  /** The key of the inline table the string sits in (`files` of `files = [{ source = "…` ), if any. */
  readonly container?: string;
  /** Text between the opening quote and the cursor. */
  readonly typed: string;
  /** Character just after the opening quote, on the cursor's line. */
  readonly from: number;
}

/** The index just after the opening quote of the string the line ends in, or -1 when outside one. */
function openQuoteEnd(before: string): number {
  let quote = '';
  let start = -1;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '#') {
      return -1;
    } else if (c === '"' || c === "'") {
      quote = c;
      start = i + 1;
    }
  }
  return quote ? start : -1;
}

const KEY_BEFORE = /([A-Za-z0-9_-]+)\s*=\s*(?:\[(?:[^\]]*,)?\s*)?$/;
const CONTAINER_BEFORE = /([A-Za-z0-9_-]+)\s*=\s*\[?[^=]*\{[^}]*$/;
/** A line that continues a multi-line array: only items so far (`"a", "b",`). */
const ARRAY_CONTINUATION = /^\s*(?:(?:"[^"]*"|'[^']*'|\{[^}]*\})\s*,\s*)*$/;
const ARRAY_OPENED = /^\s*([A-Za-z0-9_-]+)\s*=\s*\[[^\]]*$/;

export function stringContextAt(
  lines: readonly string[],
  line: number,
  character: number,
): StringContext | undefined {
  const before = (lines[line] ?? '').slice(0, character);
  const from = openQuoteEnd(before);
  if (from < 0) return undefined;
  const typed = before.slice(from);
  const head = before.slice(0, from - 1);
  const container = CONTAINER_BEFORE.exec(head)?.[1];
  const direct = KEY_BEFORE.exec(head);
  if (direct?.[1]) return { key: direct[1], typed, from, ...(container ? { container } : {}) };
  if (!ARRAY_CONTINUATION.test(head)) return undefined;
  // An item of an array opened on an earlier line.
  for (let i = line - 1; i >= 0 && i >= line - 200; i--) {
    const text = lines[i] ?? '';
    const opened = ARRAY_OPENED.exec(text);
    if (opened?.[1]) return { key: opened[1], typed, from };
    if (!ARRAY_CONTINUATION.test(text.replace(/#.*$/, ''))) return undefined;
  }
  return undefined;
}
