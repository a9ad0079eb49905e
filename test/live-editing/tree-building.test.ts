import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CstUtils, EmptyFileSystem, createLangiumParser, isAstNode, type AstNode, type LangiumParser } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import { buildTreesFaster, linkContainers } from '../../language/tree-building.js';

// language/tree-building.ts replaces two steps of Langium's tree building with faster ones: the
// trees must be exactly Langium's. Both parsers here are bare (no statement recovery around them),
// so broken text reaches Chevrotain's own recovery and its partial nodes too.

const services = createCnnCoreServices(EmptyFileSystem).Cnn;
const langiums = createLangiumParser(services);
const ours = buildTreesFaster(createLangiumParser(services));

/** Every `.cnn` file under examples/. */
function examples(folder = 'examples'): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap(entry =>
        entry.isDirectory() ? examples(join(folder, entry.name)) : entry.name.endsWith('.cnn') ? [join(folder, entry.name)] : []);
}

/** A node and everything below it as plain data: types, values, container links, CST ranges. */
function dump(node: AstNode, parent?: AstNode): unknown {
    const fields: Record<string, unknown> = {
        $type: node.$type,
        $containerProperty: node.$containerProperty,
        $containerIndex: node.$containerIndex,
        containerIsParent: node.$container === parent,
        cst: node.$cstNode ? [node.$cstNode.offset, node.$cstNode.length] : undefined
    };
    for (const [name, value] of Object.entries(node)) {
        if (name.startsWith('$')) continue;
        fields[name] = Array.isArray(value) ? value.map(item => isAstNode(item) ? dump(item, node) : item) : isAstNode(value) ? dump(value, node) : value;
    }
    return fields;
}

/** The parse as data: the tree, every CST leaf (offset, length, hidden) and the errors. */
function parsed(parser: LangiumParser, text: string): unknown {
    const result = parser.parse(text);
    const leaves = result.value.$cstNode ? [...CstUtils.streamCst(result.value.$cstNode)].map(n => [n.offset, n.length, n.hidden]) : [];
    return { tree: dump(result.value), leaves, errors: result.parserErrors.map(e => e.message), lexerErrors: result.lexerErrors.length };
}

describe("trees built faster are Langium's", () => {
    it.each(examples())('%s', file => {
        const text = readFileSync(file, 'utf8');
        expect(parsed(ours, text)).toEqual(parsed(langiums, text));
    });

    // Chevrotain's recovery leaves nodes without their mandatory parts, and infix expressions are rebuilt.
    it.each([
        'network N {\n    input 3x8x8\n    conv 8 3x\n    relu\n}\n',
        'network N {\n    input 3x8x8\n    residual { conv 8 3x3 pad 1, bn } shortcut { conv 8 1x1 } * 2 -> 8x8x8\n    conv (1 + 2 * 3 - 4) / 5 3x3\n',
        'block B(a, b = 2 * 3) {\n    if a > 1 and not b == 2 { concat { branch x { relu } branch { tanh } } } else if a { B(1) } else { relu }\n}\nnetwork M { input 3x8x8 B(1, b = 2) ',
        'network N { input 3x8x8 conv 8 kernel (1, 2) stride (1, 1) pad same, l: fc 10 nobias, dropout 0.5, split { branch { relu } } }',
        'import "a.cnn"\nblock }{ network ( 3x3 conv conv conv'
    ])('broken and expression-heavy text %#', text => {
        expect(parsed(ours, text)).toEqual(parsed(langiums, text));
    });

    it('links a hand-made tree as Langium does', () => {
        const child = { $type: 'NumberLit', value: '1' };
        const item = { $type: 'Arg', value: child };
        const root = { $type: 'Call', args: [item, 'text', null], block: 'B' } as unknown as AstNode;
        linkContainers(root);
        expect(item).toMatchObject({ $container: root, $containerProperty: 'args', $containerIndex: 0 });
        expect(child).toMatchObject({ $container: item, $containerProperty: 'value' });
        expect('$containerIndex' in child).toBe(false);
    });
});
