import { commandLineConnection } from './connections.js';
import { startCnnLanguageServer } from './main.js';

/**
 * The language server as the VS Code extension starts it (bundled to out/server/main.cjs):
 * the transport (`--node-ipc`, stdio or a socket) comes from the command line the client chose.
 */
startCnnLanguageServer(commandLineConnection());
