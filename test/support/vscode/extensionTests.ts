// Runs a Mocha suite inside code-server's Node extension host: the web workbench reads the
// extension development and tests paths from the URL's `payload`, runs the tests entry's run(),
// and reports its outcome through window.codeAutomationExit(code).
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';

export interface ExtensionTestsRun {
  /** 0: run() resolved; 1: it rejected (or the entry did not load); 2: no answer in time. */
  readonly code: number;
  readonly via: string;
}

export function extensionTestsUrl(
  server: CodeServer,
  folder: string,
  extensionDevelopmentPath: string,
  extensionTestsPath: string,
): string {
  return server.urlFor(folder, [
    ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
    ['extensionTestsPath', server.remoteUri(extensionTestsPath)],
  ]);
}

export type ConsoleListener = (type: string, line: string) => void;

/** Exposes the automation hooks, opens the URL, waits for the exit code (or the timeout). */
export async function runExtensionTests(
  page: Page,
  url: string,
  options: { timeoutMs: number; onLog?: ConsoleListener },
): Promise<ExtensionTestsRun> {
  let settle: (run: ExtensionTestsRun) => void = () => undefined;
  const exited = new Promise<ExtensionTestsRun>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) =>
    settle({ code, via: 'codeAutomationExit' }),
  );
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
    options.onLog?.(type, format(...(Array.isArray(args) ? args : [args]))),
  );
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ExtensionTestsRun>((resolve) => {
    timer = setTimeout(
      () => resolve({ code: 2, via: `no exit code within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
