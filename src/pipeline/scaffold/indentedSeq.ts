// A block sequence printed one level deeper than its key (`key:\n    - item`), while the rest of
// the document keeps the compact style (`key:\n  - item`). `spin kube scaffold` writes
// `imagePullSecrets` this way and every other list compactly; the `yaml` library has only a
// document-wide switch, so this one node adds the indentation back.
import { YAMLSeq } from 'yaml';

type ToStringArgs = Parameters<YAMLSeq['toString']>;

export class IndentedSeq<T = unknown> extends YAMLSeq<T> {
  override toString(
    ctx?: ToStringArgs[0],
    onComment?: ToStringArgs[1],
    onChompKeep?: ToStringArgs[2],
  ): string {
    if (!ctx || ctx.inFlow || ctx.options.indentSeq) return super.toString(ctx, onComment, onChompKeep);
    // The enclosing pair owns this context and reads `indent` afterwards for the line break before
    // the first item, so the deeper indentation is set in place.
    ctx.indent += ctx.indentStep;
    return super.toString(ctx, onComment, onChompKeep);
  }
}
