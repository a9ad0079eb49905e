import type { Block } from '../../language/generated/ast.js';

/** `planes`, `stride = 1`: each parameter as written, with its default. */
export function parameterTexts(block: Block): string[] {
    return block.params.map(p => p.default?.$cstNode ? `${p.name} = ${p.default.$cstNode.text}` : p.name);
}

/** `Bottleneck(planes, stride = 1)`, and where each parameter sits in that text (for signature help). */
export function blockSignature(block: Block): { label: string; parameters: Array<[number, number]> } {
    let label = `${block.name}(`;
    const parameters: Array<[number, number]> = [];
    parameterTexts(block).forEach((text, i) => {
        if (i > 0) label += ', ';
        parameters.push([label.length, label.length + text.length]);
        label += text;
    });
    return { label: `${label})`, parameters };
}
