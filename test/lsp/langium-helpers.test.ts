import { afterEach, describe, expect, it } from 'vitest';
import { expectCompletion, expectError, expectFoldings, expectFormatting, expectHover, expectNoIssues, validationHelper } from 'langium/test';
import { Cnn, reset } from './lsp-helpers.js';

// The same features through Langium's own test helpers, as its example languages test theirs.

afterEach(reset);

describe("through Langium's test helpers", () => {
    it('expectHover: the formula of a layer', async () => {
        await expectHover(Cnn)({
            text: 'network N {\n    input 3x224x224\n    c<|>onv 64 7x7 stride 2 pad 3\n}',
            index: 0,
            hover: /\| params \| 64 × \(3×7×7\) \+ 64 = \*\*9,472\*\* \(9.47K\) \|\n\| MACs \| 64×112×112 × \(3×7×7\) = \*\*118,013,952\*\* \(118M\) \|/
        });
    });

    it('expectCompletion: the options of a pool', async () => {
        await expectCompletion(Cnn)({
            text: 'network N {\n    input 3x8x8\n    maxpool 2x2 <|>\n}',
            index: 0,
            assert: completions => {
                const labels = completions.items.map(i => i.label);
                expect(labels).toEqual(expect.arrayContaining(['stride', 'pad', 'ceil']));
                expect(labels).not.toContain('groups');
            }
        });
    });

    it('expectFoldings: network, block and composite bodies (each up to the line before its brace)', async () => {
        await expectFoldings(Cnn)({
            text: '<|block B() {\n    residual <|{\n        relu|>\n    }|>\n}\n<|network N {\n    input 3x8x8\n    B()|>\n}\n'
        });
    });

    it('expectFormatting: the canonical layout', async () => {
        await expectFormatting(Cnn)({
            before: 'network N{\ninput 3x8x8\nconv 8 3x3,relu\n}',
            after: 'network N {\n    input 3x8x8\n    conv 8 3x3, relu\n}'
        });
    });

    it('validationHelper: errors with code and range, and none on a good file', async () => {
        const validate = validationHelper(Cnn);
        const bad = await validate('network N {\n    input 64x56x56\n    residual { conv 256 1x1 }\n}');
        expectError(bad, `residual: body gives 256×56×56, shortcut gives 64×56×56 (channels 256 ≠ 64); use 'shortcut projection'`, {
            range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } },
            code: 'residual-mismatch'
        });
        expectNoIssues(await validate('network N {\n    input 64x56x56\n    residual { conv 64 3x3 pad 1 }\n}'));
    });
});
