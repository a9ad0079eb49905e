import { runCli } from './cnn.js';

// `cnn analyze … | head`: the reader went away, which is not an error of ours. Stop quietly
// (as `cat` does) instead of an EPIPE stack trace; any other stream error is still thrown.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        process.exit(process.exitCode ?? 0);
    });
}

process.exitCode = runCli(process.argv.slice(2));
