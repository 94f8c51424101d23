// Entry point of the language server process. `node dist/server.js --stdio` (or --node-ipc, as
// VS Code starts it) speaks LSP; all language knowledge lives in src/language.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
