// Starts the sandbox cluster and prints its kubeconfig path; stops on SIGINT/SIGTERM.
//   node out/test/support/sandbox-cli.js [--seed demo|empty] [--dir <folder>]
import { startSandbox } from './sandbox.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seed = arg('seed') === 'empty' ? 'empty' : 'demo';
  const dir = arg('dir');
  const sandbox = await startSandbox({ seed, ...(dir ? { dir } : {}) });
  process.stdout.write(`${sandbox.kubeconfigPath}\n`);
  process.stderr.write(
    `SpinKube sandbox (${seed}) serving ${sandbox.apiUrl}\nexport KUBECONFIG=${sandbox.kubeconfigPath}\nPress Ctrl+C to stop.\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
