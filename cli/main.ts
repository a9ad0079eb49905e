import { startCli } from './start-cli.js';

// The whole CLI in one bundle (out/cli/cnn-main.cjs): what the launcher (cli/launcher.ts) runs
// when the start-up snapshot cannot be used.
startCli(process.argv.slice(2));
