import { runCli } from './cnn.js';

/**
 * What the `cnn` bin does with its arguments, from the plain bundle (cli/main.ts) and from the
 * start-up snapshot (cli/snapshot-entry.ts) alike.
 */
export function startCli(argv: string[]): void {
    // `cnn analyze … | head`: the reader went away, which is not an error of ours. Stop quietly
    // (as `cat` does) instead of an EPIPE stack trace; any other stream error is still thrown.
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EPIPE') throw error;
            process.exit(process.exitCode ?? 0);
        });
    }
    process.exitCode = runCli(argv);
}
