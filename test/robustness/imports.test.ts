import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../language/size-guard.js';
import { cnn } from '../cli/run-cli.js';

// Issue 11: `import "/dev/zero"` read 4 GiB before the process was killed; an import of a file
// not named .cnn crashed the CLI with "no services for the extension ''".

const NETWORK = 'network N {\n    input 3x8x8\n    conv 4 3x3\n}\n';

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'cnn-imports-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe('imports are read bounded, whatever they name', () => {
    test('a device, a directory, a missing file, a non-.cnn file and an oversized file: one located error each', () => {
        const dir = workspace({ 'notes.txt': 'block Helper() { relu }\n', 'huge.cnn': ' '.repeat(MAX_SOURCE_BYTES + 1) });
        mkdirSync(join(dir, 'folder'));
        writeFileSync(join(dir, 'main.cnn'), [
            'import "/dev/zero"', 'import "folder"', 'import "missing.cnn"', 'import "notes.txt"', 'import "huge.cnn"', 'import "/etc/passwd"',
            NETWORK.replace('conv 4 3x3', 'conv 4 3x3\n    Helper()')
        ].join('\n'));
        const start = performance.now();
        const { status, stdout, stderr } = cnn('check', join(dir, 'main.cnn'));
        expect(performance.now() - start).toBeLessThan(5000);
        expect(stderr).toBe('');
        const path = join(dir, 'main.cnn');
        expect(stdout.split('\n').filter(line => line.includes('unresolved-import'))).toEqual([
            `${path}:1:8: error unresolved-import: cannot read '/dev/zero': not a regular file`,
            `${path}:2:8: error unresolved-import: cannot read 'folder': is a directory`,
            `${path}:3:8: error unresolved-import: cannot find 'missing.cnn'`,
            `${path}:5:8: error unresolved-import: cannot read 'huge.cnn': 4 MiB is more than the 4 MiB a .cnn file may have`
        ]);
        // notes.txt is read as a .cnn file (its block is found); /etc/passwd is not CNN: syntax errors.
        expect(stdout).not.toContain('Helper');
        expect(stdout).toContain(`${path}:6:8: error import-error: '/etc/passwd' has syntax errors`);
        expect(status).toBe(1);
    });

    test('the file named on the command line is bounded too', () => {
        expect(cnn('check', '/dev/zero')).toEqual({ status: 2, stdout: '', stderr: "cnn: cannot read '/dev/zero': not a regular file\n" });
        const dir = workspace({ 'huge.cnn': '/'.repeat(MAX_SOURCE_BYTES + 2 ** 20) });
        expect(cnn('analyze', join(dir, 'huge.cnn')).stderr).toBe(`cnn: cannot read '${join(dir, 'huge.cnn')}': 5 MiB is more than the 4 MiB a .cnn file may have\n`);
    });
});
