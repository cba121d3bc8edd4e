import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// Entry of dist/server.js: the transport (--node-ipc from VS Code, --stdio from other editors)
// is taken from the command line by createConnection.
startServer(createConnection(ProposedFeatures.all));
