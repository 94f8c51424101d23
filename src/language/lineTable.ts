// Offsets ↔ LSP positions (0-based lines, UTF-16 columns) for one text, with a table of line
// starts built once per text. Shared by the spin.toml and YAML languages.
import type { Position, Range } from 'vscode-languageserver-types';

export class LineTable {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: at - (this.starts[low] as number) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  offset(position: Position): number {
    const lineStart = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))] as number;
    const next = this.starts[position.line + 1];
    const lineEnd = next === undefined ? this.text.length : next - 1;
    if (position.line >= this.starts.length) return this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineText(line: number): string {
    const start = this.starts[line];
    if (start === undefined) return '';
    const next = this.starts[line + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }
}
