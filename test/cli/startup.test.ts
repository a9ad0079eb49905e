import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_BLOB, SNAPSHOT_BUNDLE, SNAPSHOT_STAMP, type SnapshotStamp } from '../../cli/snapshot-stamp.js';
import { CLI } from './run-cli.js';

/**
 * The CLI's start-up snapshot (cli/launcher.ts; docs/decisions.md, "CLI start-up"): which of
 * out/cli/cnn.blob and out/cli/cnn-main.cjs a command starts from must never show in what it
 * prints or how it exits, and a blob that does not fit is left alone. The broken cases run on a
 * copy of out/cli/ in a temp folder: other tests use out/ at the same time.
 */

interface Start { from: string; status: number | null; stdout: string; stderr: string }

/** Runs a `cnn` bin with CNN_DEBUG_STARTUP=1: `from` is what the launcher says it started, `stderr` the rest. */
function start(bin: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Start {
    const inherited = { ...process.env };
    delete inherited.CNN_SNAPSHOT;
    delete inherited.CNN_DEBUG_STARTUP;
    // input '': stdin closed at once, so `cnn lsp` ends as soon as it has started.
    const result = spawnSync(process.execPath, [...nodeFlags, bin, ...args], {
        encoding: 'utf8', cwd: resolve('.'), input: '', env: { ...inherited, ...env, CNN_DEBUG_STARTUP: '1' }
    });
    const trace = /^cnn: start-up: (.*)\n/.exec(result.stderr);
    if (!trace) throw new Error(`cnn ${args.join(' ')}: no start-up trace first on stderr:\n${result.stderr}`);
    return { from: trace[1], status: result.status, stdout: result.stdout, stderr: result.stderr.slice(trace[0].length) };
}

const printed = ({ status, stdout, stderr }: Start) => ({ status, stdout, stderr });

const work = mkdtempSync(join(tmpdir(), 'cnn-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Two errors (a shape annotation that does not hold, a syntax error) and, for the rest, a clean network.
const broken = join(work, 'broken.cnn');
writeFileSync(broken, 'network Broken {\n    input 3x32x32\n    c1: conv 16 3x3 pad 1   -> 8x32x32\n    c2: conv 32 3x3 stride 2 pad\n    flatten\n    fc 10\n}\n');

describe('analyze, check and compare print the same from the snapshot and from the bundle', () => {
    it.each<[string, string[], number]>([
        ['analyze', ['analyze', 'examples/alexnet.cnn'], 0],
        ['analyze (blocks from another file)', ['analyze', 'examples/resnet50.cnn'], 0],
        ['analyze --format json', ['analyze', 'examples/resnet18.cnn', '--format', 'json'], 0],
        ['analyze --format json (taps)', ['analyze', 'examples/googlenet.cnn', '--format', 'json'], 0],
        ['analyze --wide', ['analyze', 'examples/mobilenet-v2.cnn', '--wide'], 0],
        ['analyze --wide (several networks)', ['analyze', 'examples/inception-v3.cnn', '--wide'], 0],
        ['analyze of a file with errors', ['analyze', broken], 1],
        ['analyze of a file that is not there', ['analyze', 'examples/no-such-network.cnn'], 2],
        ['check of a clean file', ['check', 'examples/mobilenet-v2.cnn'], 0],
        ['check of a file with a warning', ['check', 'examples/alexnet.cnn'], 0],
        ['check of a file with errors, then one with a warning', ['check', broken, 'examples/alexnet.cnn'], 1],
        ['compare of two examples', ['compare', 'examples/alexnet.cnn', 'examples/vgg16.cnn'], 0],
        ['compare of three examples', ['compare', 'examples/resnet18.cnn', 'examples/resnet50.cnn', 'examples/mobilenet-v2.cnn'], 0]
    ])('cnn %s', (_name, args, status) => {
        const snapshot = start(CLI, args);
        const bundle = start(CLI, args, { CNN_SNAPSHOT: '0' });
        expect(snapshot.from).toBe('snapshot');
        expect(bundle.from).toBe('bundle (CNN_SNAPSHOT=0)');
        expect(snapshot.status).toBe(status);
        // Never two empty outputs compared, but a clean check prints nothing at all.
        if (args[0] !== 'check') expect(snapshot.stdout + snapshot.stderr).not.toBe('');
        expect(printed(snapshot)).toEqual(printed(bundle));
    });

    it('cnn with no arguments: the same usage and exit 2 either way', () => {
        // Not asserted: which it starts from (the launcher sends no arguments to the snapshot today).
        const usual = start(CLI, []);
        const bundle = start(CLI, [], { CNN_SNAPSHOT: '0' });
        expect(usual.status).toBe(2);
        expect(printed(usual)).toEqual(printed(bundle));
    });
});

describe('every other command starts from the bundle', () => {
    it.each<[string, string[], string]>([
        ['--help', ['--help'], "bundle ('--help' runs from the bundle)"],
        ['--version', ['--version'], "bundle ('--version' runs from the bundle)"],
        ['help analyze', ['help', 'analyze'], "bundle ('help' runs from the bundle)"],
        // In a Node.js of its own, with the server's flags (test/lsp/message-readers.test.ts).
        ['lsp', ['lsp', '--stdio'], 'lsp in a Node.js with --max-semi-space-size=64 --expose-gc']
    ])('cnn %s', (_name, args, from) => {
        expect(start(CLI, args).from).toBe(from);
    });

    it('lsp under node flags runs in this very process (as the tests and VS Code start it)', () => {
        expect(start(CLI, ['lsp', '--stdio'], {}, ['--max-semi-space-size=64']).from).toBe('bundle (node flags (--max-semi-space-size=64))');
    });

    it('so does analyze under node flags (they are meant for the CLI, not for the snapshot)', () => {
        const flagged = start(CLI, ['analyze', 'examples/alexnet.cnn'], {}, ['--no-warnings']);
        expect(flagged.from).toBe('bundle (node flags (--no-warnings))');
        expect(printed(flagged)).toEqual(printed(start(CLI, ['analyze', 'examples/alexnet.cnn'])));
    });
});

describe('a snapshot that does not fit falls back to the bundle, with the same output', () => {
    const commands = [['analyze', 'examples/resnet50.cnn', '--wide'], ['check', broken, 'examples/alexnet.cnn']];
    let expected: ReturnType<typeof printed>[];
    beforeAll(() => {
        expected = commands.map(args => printed(start(CLI, args)));
    });

    /**
     * out/cli/'s bin, both bundles and the blob, copied. A copy's mtime is not the original's (not
     * even with preserveTimestamps: utimes rounds it), so the copy gets the built stamp with its own
     * bundle's size and mtime, which is what the build would have written for it.
     */
    function copyOfCli(): string {
        const dir = mkdtempSync(join(work, 'cli-'));
        for (const name of ['cnn.cjs', 'cnn-main.cjs', SNAPSHOT_BUNDLE, SNAPSHOT_BLOB]) copyFileSync(join(dirname(CLI), name), join(dir, name));
        const built = JSON.parse(readFileSync(join(dirname(CLI), SNAPSHOT_STAMP), 'utf8')) as SnapshotStamp;
        const bundle = statSync(join(dir, SNAPSHOT_BUNDLE));
        writeFileSync(join(dir, SNAPSHOT_STAMP), JSON.stringify({ ...built, bundle: { size: bundle.size, mtimeMs: bundle.mtimeMs } }) + '\n');
        return dir;
    }

    const stamp = (dir: string) => JSON.parse(readFileSync(join(dir, SNAPSHOT_STAMP), 'utf8')) as SnapshotStamp;
    const misfit = 'bundle (cnn.blob does not fit this Node.js or is older than its bundle)';

    it.each<[string, (dir: string) => void, string | RegExp]>([
        ['the copy as it is (the control: it starts from the snapshot)', () => {}, 'snapshot'],
        ['a stale stamp: the bundle rebuilt after the blob (esbuild --watch)', dir => {
            const later = new Date(statSync(join(dir, SNAPSHOT_BLOB)).mtimeMs + 60_000);
            utimesSync(join(dir, SNAPSHOT_BUNDLE), later, later);
        }, misfit],
        ['no blob', dir => rmSync(join(dir, SNAPSHOT_BLOB)), 'bundle (no cnn.blob (npm run bundle builds it))'],
        ['a stamp from another Node.js', dir => {
            writeFileSync(join(dir, SNAPSHOT_STAMP), JSON.stringify({ ...stamp(dir), node: 'v18.20.8' }) + '\n');
        }, misfit],
        ['a stamp from another architecture', dir => {
            writeFileSync(join(dir, SNAPSHOT_STAMP), JSON.stringify({ ...stamp(dir), arch: process.arch === 'arm64' ? 'x64' : 'arm64' }) + '\n');
        }, misfit],
        ['no stamp', dir => rmSync(join(dir, SNAPSHOT_STAMP)), /^bundle \(no usable cnn\.blob\.json \(ENOENT/],
        ['a stamp cut short', dir => writeFileSync(join(dir, SNAPSHOT_STAMP), '{"node":"'), /^bundle \(no usable cnn\.blob\.json \(/]
    ])('%s', (_name, breakIt, from) => {
        const dir = copyOfCli();
        breakIt(dir);
        for (const [i, args] of commands.entries()) {
            const started = start(join(dir, 'cnn.cjs'), args);
            if (typeof from === 'string') expect(started.from).toBe(from);
            else expect(started.from).toMatch(from);
            expect(printed(started)).toEqual(expected[i]);
        }
        rmSync(dir, { recursive: true, force: true });
    });
});
