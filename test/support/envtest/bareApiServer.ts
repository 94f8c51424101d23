// The API simulator as a bare API server, in its own process, for envtest mode in CI:
//   node out/test/support/envtest/bareApiServer.js [--dir D]
// prints the kubeconfig path on its first line and serves until SIGTERM or SIGINT.
import { startSimulator } from '../k8s-sim/index.js';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--dir');
  const dir = i >= 0 ? process.argv[i + 1] : undefined;
  const sim = await startSimulator({ bare: true, ...(dir ? { dir } : {}) });
  process.stdout.write(`${sim.kubeconfigPath}\n`);
  const stop = (): void => void sim.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
