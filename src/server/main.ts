// Entry point of the language server process. `node dist/server.js --stdio` (or --node-ipc, as
// VS Code starts it) speaks LSP; all language knowledge lives in src/language.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// A bug must never take the server down with it: report it to the client's console and go on.
const report = (what: string) => (error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  try {
    connection.console.error(`${what}: ${detail}`);
  } catch {
    process.stderr.write(`${what}: ${detail}\n`);
  }
};
process.on('uncaughtException', report('Unexpected error in the SpinKube language server'));
process.on('unhandledRejection', report('Unhandled promise rejection in the SpinKube language server'));

startServer(connection);
