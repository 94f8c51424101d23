// The application name a spin.toml declares: `[application] name` (manifest version 2) or the
// top-level `name` (version 1). Plain text matching, so that it works on any file, valid or not.
export function manifestAppName(text: string): string | undefined {
  const section = /^\s*\[application\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text)?.[1];
  const v2 = section && /^\s*name\s*=\s*["']([^"']+)["']/m.exec(section)?.[1];
  if (v2) return v2;
  const head = text.split(/^\s*\[/m)[0] ?? '';
  return /^\s*name\s*=\s*["']([^"']+)["']/m.exec(head)?.[1];
}
