// `npm run test:electron`: the same in-host suites in desktop VS Code 1.100.3 through
// @vscode/test-electron (which downloads VS Code, so it needs the network). The vscode test tier
// (launch.ts) runs them in code-server instead, which works offline.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startSandbox } from '../support/sandbox';
import { repoRoot } from '../support/vscode/repoPaths';
import { createTestWorkspace } from '../support/vscode/testWorkspace';

async function main(): Promise<number> {
  const runDir = mkdtempSync(join(tmpdir(), 'spinkube-electron-'));
  const sandboxDir = join(runDir, 'sandbox');
  mkdirSync(sandboxDir);
  const sandbox = await startSandbox({ seed: 'empty', dir: sandboxDir });
  try {
    // A temp copy of sample/ (the suites write files into their workspace).
    const workspace = createTestWorkspace(join(runDir, 'sample'));
    return await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--user-data-dir',
        join(runDir, 'user-data'),
      ],
      extensionTestsEnv: {
        KUBECONFIG: sandbox.kubeconfigPath,
        EXT_TEST_RESULTS: join(repoRoot, 'test-results', 'electron-results.json'),
      },
    });
  } finally {
    await sandbox.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
