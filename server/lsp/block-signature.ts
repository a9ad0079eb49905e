import type { Block } from '../../language/generated/ast.js';

/**
 * `planes`, `stride = 1`: each parameter as written, with its default. A parameter still being
 * typed (`block Conv(out, = 3)`) has no name yet: `?` holds its place, never `undefined`.
 */
export function parameterTexts(block: Block): string[] {
    return block.params.map(p => {
        const name = p.name ?? '?';
        return p.default?.$cstNode ? `${name} = ${p.default.$cstNode.text}` : name;
    });
}

/** `Bottleneck(planes, stride = 1)`, and where each parameter sits in that text (for signature help). */
export function blockSignature(block: Block): { label: string; parameters: Array<[number, number]> } {
    let label = `${block.name ?? '?'}(`;
    const parameters: Array<[number, number]> = [];
    parameterTexts(block).forEach((text, i) => {
        if (i > 0) label += ', ';
        parameters.push([label.length, label.length + text.length]);
        label += text;
    });
    return { label: `${label})`, parameters };
}
