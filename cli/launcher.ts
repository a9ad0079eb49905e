import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/node-flags.js';
import { SNAPSHOT_BLOB, SNAPSHOT_STAMP, currentStamp, sameStamp, type SnapshotStamp } from './snapshot-stamp.js';

/**
 * The `cnn` bin (out/cli/cnn.cjs): node built-ins only, so it loads in a few milliseconds. The
 * commands that only read .cnn files start a Node.js from the start-up snapshot (parser built,
 * lookahead learnt: cli/snapshot-entry.ts); everything else, and any case where the snapshot does
 * not fit, runs the plain bundle out/cli/cnn-main.cjs in this process, as before.
 */

/**
 * Commands that build the parser and never look for files beside the bundle (help and --version
 * start faster from the bundle than from the 13 MB snapshot): `report` reads the chart's
 * scripts and `compile`/`run` load TensorFlow.js from out/ (a snapshot would keep the build's
 * folder), and `lsp` runs for hours, where start-up does not matter.
 */
const SNAPSHOT_COMMANDS = new Set(['analyze', 'check', 'compare']);

/** Why the snapshot is not used for these arguments, or undefined when it is. */
function refusal(args: string[]): string | undefined {
    if (process.env.CNN_SNAPSHOT === '0') return 'CNN_SNAPSHOT=0';
    // node --inspect/--cpu-prof out/cli/cnn.cjs …: the flags are meant for the CLI's own code.
    if (process.execArgv.length > 0) return `node flags (${process.execArgv.join(' ')})`;
    if (args.length > 0 && !SNAPSHOT_COMMANDS.has(args[0])) return `'${args[0]}' runs from the bundle`;
    if (!existsSync(join(__dirname, SNAPSHOT_BLOB))) return `no ${SNAPSHOT_BLOB} (npm run bundle builds it)`;
    let stamp: SnapshotStamp;
    try {
        stamp = JSON.parse(readFileSync(join(__dirname, SNAPSHOT_STAMP), 'utf8')) as SnapshotStamp;
        if (!sameStamp(stamp, currentStamp(__dirname))) return `${SNAPSHOT_BLOB} does not fit this Node.js or is older than its bundle`;
    } catch (error) {
        return `no usable ${SNAPSHOT_STAMP} (${error instanceof Error ? error.message : String(error)})`;
    }
    return undefined;
}

function trace(line: string): void {
    if (process.env.CNN_DEBUG_STARTUP) process.stderr.write(`cnn: start-up: ${line}\n`);
}

function fromBundle(): void {
    createRequire(__filename)(join(__dirname, 'cnn-main.cjs'));
}

/**
 * `cnn lsp`: the language server runs in a Node.js started with its flags (server/node-flags.ts),
 * which a running Node.js cannot take on; the editor's pipes are handed to it as they are, its
 * exit status is this one's, and a signal sent here is passed on. Started with node flags of its
 * own (as the tests and the VS Code extension start it), the server runs in this process.
 */
function serveFromFlaggedNode(): void {
    trace(`lsp in a Node.js with ${SERVER_NODE_FLAGS.join(' ')}`);
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(__dirname, 'cnn-main.cjs'), ...args], { stdio: 'inherit' });
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const stopForwarding = () => signals.forEach(signal => process.off(signal, forward));
    signals.forEach(signal => process.on(signal, forward));
    child.on('error', error => {
        // No process could be started, so nothing has been read from the editor yet.
        trace(`bundle (the server's Node.js did not start: ${error.message})`);
        stopForwarding();
        fromBundle();
    });
    child.on('exit', (code, signal) => {
        stopForwarding();
        if (signal) process.kill(process.pid, signal);
        else process.exitCode = code ?? 2;
    });
}

const args = process.argv.slice(2);
const refused = refusal(args);
if (args[0] === 'lsp' && process.execArgv.length === 0) {
    serveFromFlaggedNode();
} else if (refused !== undefined) {
    trace(`bundle (${refused})`);
    fromBundle();
} else {
    trace('snapshot');
    const child = spawnSync(process.execPath, ['--snapshot-blob', join(__dirname, SNAPSHOT_BLOB), '--', ...args], { stdio: 'inherit' });
    if (child.error) {
        // The child never ran (no process could be started): nothing was printed yet.
        trace(`bundle (the snapshot's Node.js did not start: ${child.error.message})`);
        fromBundle();
    } else if (child.signal) {
        process.kill(process.pid, child.signal);
    } else {
        process.exitCode = child.status ?? 2;
    }
}
