// `{{ variable }}` templates (SPEC §1a.11): literal text and references, with offsets inside
// the string so diagnostics can point at the variable name.

export interface TemplateReference {
  /** The trimmed expression, e.g. `api_key`. */
  readonly name: string;
  /** Offsets of the name within the template string. */
  readonly start: number;
  readonly end: number;
}

export type TemplateParse =
  | { readonly ok: true; readonly references: TemplateReference[] }
  | { readonly ok: false; readonly error: string; readonly offset: number };

export function parseTemplate(text: string): TemplateParse {
  const references: TemplateReference[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    const close = text.indexOf('}}', at);
    if (close !== -1 && (open === -1 || close < open)) {
      return { ok: false, error: "invalid variable template: unmatched '}}' in template", offset: close };
    }
    if (open === -1) return { ok: true, references };
    const end = text.indexOf('}}', open + 2);
    if (end === -1) {
      return { ok: false, error: "invalid variable template: unmatched '{{' in template", offset: open };
    }
    const inner = text.slice(open + 2, end);
    const lead = inner.length - inner.trimStart().length;
    const name = inner.trim();
    references.push({ name, start: open + 2 + lead, end: open + 2 + lead + name.length });
    at = end + 2;
  }
}

/** Replaces each reference using `resolve`; undefined if some reference cannot be resolved. */
export function renderTemplate(
  text: string,
  resolve: (name: string) => string | undefined,
): string | undefined {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return undefined;
  let out = '';
  let at = 0;
  for (const ref of parsed.references) {
    const value = resolve(ref.name);
    if (value === undefined) return undefined;
    const open = text.lastIndexOf('{{', ref.start);
    const close = text.indexOf('}}', ref.end);
    out += text.slice(at, open) + value;
    at = close + 2;
  }
  return out + text.slice(at);
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('}}');
}
