import type { LangiumParser } from 'langium';

interface CstContainer { content: unknown[]; container?: CstContainer }
interface NodeBuilder {
    current: CstContainer;
    rootNode: CstContainer;
    createLeafNode(token: unknown, hidden: boolean): unknown;
    appendChildren(node: CstContainer, children: unknown[]): void;
    insertChildren(node: CstContainer, index: number, children: unknown[]): void;
    addHiddenNodes(tokens: unknown[]): void;
}

/**
 * Langium's CST builder (4.x) places the whitespace before each token by `content.indexOf` of
 * the node being built in its parent's children: a scan of the whole body for every statement,
 * so a 1 MB line of 175,000 layers took 12 s. The node is nearly always the parent's last
 * child, so the same search from the end (`lastIndexOf`) finds it at once; the result is the same.
 */
export function patchHiddenNodes(parser: LangiumParser): void {
    const builder = (parser as unknown as { nodeBuilder?: NodeBuilder }).nodeBuilder;
    if (!builder || typeof builder.addHiddenNodes !== 'function' || typeof builder.insertChildren !== 'function') return;
    builder.addHiddenNodes = function (this: NodeBuilder, tokens: unknown[]): void {
        const nodes = tokens.map(token => this.createLeafNode(token, true));
        let current = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        this.insertChildren(this.rootNode, 0, nodes);
    };
}
