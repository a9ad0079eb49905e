import { readFileSync } from 'node:fs';
import { AstUtils, EmptyFileSystem, GrammarUtils, URI, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { firstNodeForProperty } from '../../language/analysis/ranges.js';
import { createCnnCoreServices } from '../../language/cnn-module.js';

// firstNodeForProperty is Langium's findNodeForProperty stopping at the first match: the same
// node for every property of every node, on whole files and on broken ones.

const { shared } = createCnnCoreServices(EmptyFileSystem);
let count = 0;
const parse = (text: string) => shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///p${count++}.cnn`)).parseResult.value;

const TEXTS = [
    readFileSync('examples/googlenet.cnn', 'utf8'),
    readFileSync('examples/blocks/resnet.cnn', 'utf8'),
    readFileSync('examples/efficientnet.cnn', 'utf8'),
    'network N {\n    input 3x8x8\n    l: conv (1 + 2) * 3 kernel (1, 2) stride 2 pad same, bn\n    residual { conv 8 3x\n    relu } shortcut { conv 8 1x1 } * 2 -> 8x8x8\n'
];

describe('the first CST node of a property', () => {
    it.each(TEXTS.map((text, i) => [i, text]))('is Langium\'s on text %i, for every node and property', (_, text) => {
        let compared = 0;
        for (const node of AstUtils.streamAst(parse(text))) {
            for (const property of Object.keys(node).filter(key => !key.startsWith('$')).concat('name', 'op', 'block')) {
                const ours = firstNodeForProperty(node as AstNode, property);
                const langiums = GrammarUtils.findNodeForProperty(node.$cstNode, property);
                expect(ours).toBe(langiums);
                if (langiums) compared++;
            }
        }
        expect(compared).toBeGreaterThan(20);
    });
});
