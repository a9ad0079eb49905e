import { runCli } from './cnn.js';

process.exitCode = runCli(process.argv.slice(2));
