import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLI } from '../cli/run-cli.js';
import { analyzeText } from '../helpers.js';

// Issue 11's table, the rows the CLI and the analysis show, each from its minimal file.

const messages = (text: string) => analyzeText(text).all.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`);

describe('sizes above 2^53 are errors, never rounded', () => {
    test('input sides, kernels, annotations and fc features', () => {
        expect(messages('network N {\n    input 3x99999999999999999x8\n    conv 4 3x3\n}\n')).toEqual([
            '2:11 too-large: 99999999999999999 is too large for a size (at most 9007199254740991)'
        ]);
        expect(messages('network N {\n    input 3x8x8\n    flatten -> 99999999999999999999\n    fc 99999999999999999999999\n}\n')).toEqual([
            '3:16 too-large: 99999999999999999999 is too large for a size (at most 9007199254740991)',
            '4:8 too-large: 99999999999999999999999 is too large for a size (at most 9007199254740991)'
        ]);
        expect(messages('network N {\n    input 3x8x8\n    conv 4 18446744073709551617x1\n}\n')).toEqual([
            '3:12 too-large: 18446744073709551617 is too large for a size (at most 9007199254740991)'
        ]);
        // 2^53 + 1 is the first integer a number cannot hold.
        expect(messages('network N {\n    input 3x1x1\n    flatten\n    fc 9007199254740993\n}\n')).toEqual([
            '4:8 too-large: 9007199254740993 is too large for a size (at most 9007199254740991)'
        ]);
    });
});

describe('labels', () => {
    test('the same label twice in one body is a duplicate-name; in another body it is not', () => {
        expect(messages('network N {\n    input 3x8x8\n    a: conv 4 3x3\n    a: relu\n    stage s { a: relu }\n}\n')).toEqual([
            "4:5 duplicate-name: duplicate label 'a'"
        ]);
    });
});

describe('cnn analyze | head', () => {
    test('a reader that goes away ends the CLI quietly, status 0', () => {
        const dir = mkdtempSync(join(tmpdir(), 'cnn-epipe-'));
        const path = join(dir, 'long.cnn');
        writeFileSync(path, `network N {\n    input 3x8x8\n${'    conv 8 3x3 pad 1\n'.repeat(3000)}}\n`);
        const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" analyze "${path}" --format json | head -c 10; echo " status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
        expect(result.stdout).toBe('{\n  "file" status 0\n');
        expect(result.stderr).toBe('');
    });
});
