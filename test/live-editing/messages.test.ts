import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers.js';
import { parse } from './outline.js';

/**
 * Common typing mistakes (LANGUAGE.md §8.11), each on line 3 of a small network, with the one
 * syntax error a person should see: its column and its exact message. The layer after the
 * mistake still parses (recovery per statement) and inference stops at the mistake.
 */
const MISTAKES: Array<[string, number, string]> = [
        ["conv", 5, "conv needs output channels and a kernel size: conv 64 3x3"],
        ["conv 64", 10, "conv needs a kernel size: conv 64 3x3"],
        ["conv 64 3x", 14, "conv needs a kernel size: conv 64 3x3"],
        ["conv 3x3", 10, "conv needs output channels: conv 64 3x3"],
        ["conv 64 3", 13, "conv needs a kernel size: conv 64 3x3"],
        ["conv 64 3x3 stride", 17, "stride needs a value: stride 2"],
        ["conv 64 3x3 strid 2", 17, "unknown option 'strid' of conv; did you mean 'stride'? (conv takes stride, pad, groups, dilation, nobias, in)"],
        ["conv 64 3x3 pad", 17, "pad needs a value: pad 1"],
        ["conv 64 3x3 groups", 17, "groups needs a value: groups 2"],
        ["conv 64 3x3 dilation", 17, "dilation needs a value: dilation 2"],
        ["conv 64 3x3 ceil", 17, "conv has no option 'ceil' (conv takes stride, pad, groups, dilation, nobias, in)"],
        ["conv 64 3x3 multiplier 2", 17, "conv has no option 'multiplier' (conv takes stride, pad, groups, dilation, nobias, in)"],
        ["conv 64 3\u00d7", 14, "conv needs a kernel size: conv 64 3x3"],
        ["conv 64 3x3 #", 17, "unexpected character '#'"],
        ["conv 64 3x3 -> ", 17, "'->' needs a shape: -> 64x56x56"],
        ["conv 64 kernel", 13, "kernel needs a size: conv 64 kernel 3"],
        ["dwconv", 5, "dwconv needs a kernel size: dwconv 3x3"],
        ["dwconv 3x3 groups 2", 16, "dwconv has no option 'groups' (dwconv takes stride, pad, multiplier, dilation, nobias, in)"],
        ["maxpool", 5, "maxpool needs a kernel size: maxpool 3x3 stride 2"],
        ["maxpool 2", 13, "maxpool needs a kernel size: maxpool 3x3 stride 2"],
        ["maxpool 3x3 stride", 17, "stride needs a value: stride 2"],
        ["maxpool 3x3 groups 2", 17, "maxpool has no option 'groups' (maxpool takes stride, pad, ceil)"],
        ["adaptiveavgpool", 5, "adaptiveavgpool needs an output size: adaptiveavgpool 1x1"],
        ["adaptiveavgpool 7", 21, "adaptiveavgpool needs an output size: adaptiveavgpool 1x1"],
        ["fc", 5, "fc needs output features: fc 1000"],
        ["fc 10 stride 2", 11, "fc has no option 'stride' (fc takes nobias, in)"],
        ["shuffle", 5, "shuffle needs a number of groups: shuffle 2"],
        ["stochasticdepth", 5, "stochasticdepth needs a drop probability: stochasticdepth 0.2"],
        ["lrn size", 9, "size needs a value: size 5"],
        ["reluu 3", 11, "unknown operator 'reluu'; did you mean 'relu'?"],
        ["stride 2", 5, "'stride' is an option, not an operator; it goes after the layer it belongs to"],
        ["conv 64 3x3 stride 2 pad 1 nobias groups", 39, "groups needs a value: groups 2"],
        ["B(", 6, "missing ')' after the arguments of B: B(\u2026)"],
        ["B(64", 6, "missing ')' after the arguments of B: B(\u2026)"],
        ["B(64,", 6, "missing ')' after the arguments of B: B(\u2026)"],
        ["B(64) -", 11, "'->' needs a shape: -> 64x56x56"],
        ["stage { relu }", 5, "stage needs a name: stage layer1 { \u2026 }"],
        ["repeat { relu }", 5, "repeat needs a count: repeat 3 { \u2026 }"],
        ["residual { relu } shortcut projektion", 23, "unknown shortcut 'projektion'; did you mean 'projection'? (identity, projection, auto, optional or { \u2026 })"],
        ["residual { relu } shortcut", 23, "shortcut needs a kind: shortcut identity, projection, auto, optional or { \u2026 }"],
        ["concat { relu }", 14, "concat holds branches: concat { branch { \u2026 } branch { \u2026 } }"],
        ["tap { relu }", 5, "tap needs a name: tap aux { \u2026 }"],
        ["conv 64 3x3 @", 17, "unexpected character '@'"],
        ["conv 64 3x3 $", 17, "unexpected character '$'"],
        ["maxpool 3x3 stride 2 ceill 2", 26, "unknown option 'ceill' of maxpool; did you mean 'ceil'? (maxpool takes stride, pad, ceil)"],
        ["conv 64 3x3 padd 1", 17, "unknown option 'padd' of conv; did you mean 'pad'? (conv takes stride, pad, groups, dilation, nobias, in)"],
        ["fc 10 nobais 3", 11, "unknown option 'nobais' of fc; did you mean 'nobias'? (fc takes nobias, in)"],
        ["dwconv 3x3 multiplyer 2", 16, "unknown option 'multiplyer' of dwconv; did you mean 'multiplier'? (dwconv takes stride, pad, multiplier, dilation, nobias, in)"],
        ["conv 64 3x3 stride 2 groupss 2", 26, "unknown option 'groupss' of conv; did you mean 'groups'? (conv takes stride, pad, groups, dilation, nobias, in)"],
        ["relu 3", 10, "relu takes no arguments: relu"],
        ["bn 64", 8, "bn takes no arguments: bn"],
        ["flatten 1", 13, "flatten takes no arguments: flatten"],
        ["avgpool", 5, "avgpool needs a kernel size: avgpool 2x2 stride 2"],
        ["avgpool 3x3 pad", 17, "pad needs a value: pad 1"],
        ["lrn sise 5", 9, "unknown option 'sise' of lrn; did you mean 'size'? (lrn takes size)"],
        ["fc 10 in", 11, "in needs a value: in 64"],
        ["conv 64 3x3 in", 17, "in needs a value: in 64"],
        ["globalavgpool 1x1", 19, "globalavgpool takes no arguments: globalavgpool"],
        ["conv 64 3x3 ~", 17, "unexpected character '~'"],
        ["conv1 conv 64 3x3", 5, "a label needs a colon: conv1: conv 64 3x3"],
        ["stem residual { relu } shortcut projection", 5, "a label needs a colon: stem: residual { relu } shortcut projection"],
        ["b1 B(64), relu", 5, "a label needs a colon: b1: B(64)"],
];

describe('syntax errors in the language\'s words', () => {
    it('covers at least 40 mistakes', () => expect(MISTAKES.length).toBeGreaterThanOrEqual(40));

    it.each(MISTAKES)('%s', (line, column, message) => {
        const analyzed = analyzeText(`network N {\n    input 3x32x32\n    ${line}\n    relu\n}\n`);
        const syntax = analyzed.all.filter(d => d.code === 'syntax-error');
        expect(syntax.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([`3:${column} ${message}`]);
        const network = analyzed.network('N');
        expect(network.output).toBeNull();
        // The statement after the mistake is still in the tree: `relu` on line 4.
        const body = (network.node as unknown as { body: Array<{ $cstNode?: { range: { start: { line: number } } } }> }).body;
        expect(body.some(statement => statement.$cstNode?.range.start.line === 3)).toBe(true);
    });
});

describe('end of file and missing braces', () => {
    it('a file cut inside a shortcut body keeps the residual, its body and the shortcut typed so far', () => {
        const residual = 'network N {\n    input 64x32x32\n    residual {\n        conv 64 3x3 pad 1\n        relu\n    } shortcut { ';
        const cases: Array<[string, string[], string[]]> = [
            // Line 6 is `    } shortcut { …`: what is typed starts at column 18.
            ['co', ["6:20 missing '}': the body of shortcut is still open at the end of the file", "6:18 unknown operator 'co'"], ['conv', 'relu', 'co']],
            ['conv 64', ['6:23 conv needs a kernel size: conv 64 3x3', "6:25 missing '}': the body of shortcut is still open at the end of the file"], ['conv', 'relu']],
            ['conv 64 1x1', ["6:29 missing '}': the body of shortcut is still open at the end of the file"], ['conv', 'relu', 'conv']]
        ];
        for (const [typed, messages, statements] of cases) {
            const analyzed = analyzeText(residual + typed);
            expect(analyzed.all.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual(messages);
            const network = analyzed.network('N').node as unknown as { body: Array<{ $type: string; body: Array<{ op?: string; name?: string }>; shortcut?: { body: Array<{ op?: string; name?: string }> } }> };
            expect(network.body.map(s => s.$type)).toEqual(['Residual']);
            const [body] = network.body;
            expect([...body.body, ...body.shortcut?.body ?? []].map(s => s.op ?? s.name)).toEqual(statements);
        }
    });

    it('a file cut just after an empty concat body reports the concat, and keeps the branch around it', () => {
        const analyzed = analyzeText('block E() {\n    concat {\n        branch b {\n            relu\n            concat {');
        expect(analyzed.all.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([
            '5:20 concat holds branches: concat { branch { … } branch { … } }',
            "5:21 missing '}': the body of concat is still open at the end of the file"
        ]);
        const block = parse('block E() {\n    concat {\n        branch b {\n            relu\n            concat {').blocks[0] as unknown as {
            body: Array<{ $type: string; branches: Array<{ name: string; body: Array<{ op?: string }> }> }>
        };
        expect(block.body.map(s => [s.$type, s.branches.map(b => `${b.name}: ${b.body.map(x => x.op).join(', ')}`)])).toEqual([['Concat', ['b: relu']]]);
    });

    it('a file cut short is reported where the text stops, not at 1:1', () => {
        const analyzed = analyzeText('network N {\n    input 3x32x32\n    conv 8 3x3');
        expect(analyzed.all.map(d => [d.range.start, d.message])).toEqual([
            [{ line: 2, character: 14 }, "missing '}': the body of network N is still open at the end of the file"]
        ]);
        expect(analyzed.all[0].related.map(r => [r.range.start, r.message])).toEqual([[{ line: 0, character: 10 }, 'the body of network N opens here']]);
    });

    it('a body left open ends at the next network, which is read as usual', () => {
        const analyzed = analyzeText('block B(c) {\n    conv c 3x3\nnetwork N {\n    input 3x8x8\n    conv 4 1x1\n}\n');
        expect(analyzed.all.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([
            "3:1 missing '}': the body of block B is still open where 'network' starts"
        ]);
        expect(analyzed.network('N').output).toEqual([4, 8, 8]);
    });

    it('accepts × in dimensions, as the tool prints them', () => {
        const analyzed = analyzeText('network N {\n    input 3×32×32\n    conv 8 3×3 pad 1 -> 8×32×32\n}\n');
        expect(analyzed.all).toEqual([]);
        expect(analyzed.network('N').output).toEqual([8, 32, 32]);
    });

    it('names a control character by its code point', () => {
        const analyzed = analyzeText('network N {\n    input 3x8x8\n    relu \u0000\n}\n');
        expect(analyzed.all.map(d => d.message)).toEqual(['unexpected character U+0000']);
    });
});
