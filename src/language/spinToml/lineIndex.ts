// Offsets and LSP positions (0-based lines, UTF-16 columns) of one text.
import type { Position } from '../types';

/** Converts between string offsets and LSP positions (0-based lines, UTF-16 columns). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))] ?? 0;
    const lineStart = position.line >= this.starts.length ? this.text.length : start;
    return Math.min(this.text.length, lineStart + Math.max(0, position.character));
  }

  lineCount(): number {
    return this.starts.length;
  }
}
