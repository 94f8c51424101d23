/** A blob to upload: its bytes live either in a file (streamed) or in memory (small JSON). */
export interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
  readonly content: { readonly file: string } | { readonly bytes: Buffer };
  /** What it is, for progress messages (component id, file path, "locked app"). */
  readonly label: string;
}
