// Tokenizes text with our TextMate grammar, the way VS Code does (vscode-textmate + Oniguruma).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..', '..');

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  const registry = new textmate.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.spin-toml') return null;
      const path = join(root, 'syntaxes', 'spin-toml.tmLanguage.json');
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  return registry.loadGrammar('source.spin-toml').then((g) => {
    if (!g) throw new Error('grammar source.spin-toml not found');
    return g;
  });
}

/** Tokens of every line of `text`, in order. */
export async function tokenize(text: string): Promise<Token[][]> {
  const g = await (grammar ??= loadGrammar());
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope of the first token whose text is exactly `text` (searching all lines). */
export function scopeOf(lines: Token[][], text: string, nth = 0): string | undefined {
  const hits = lines.flat().filter((t) => t.text === text);
  const hit = hits[nth];
  return hit ? hit.scopes[hit.scopes.length - 1] : undefined;
}
