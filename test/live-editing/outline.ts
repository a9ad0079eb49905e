import { AstUtils, EmptyFileSystem, URI, type AstNode } from 'langium';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import { isBlock, isNetwork, isStmt, type Model } from '../../language/generated/ast.js';

const services = createCnnCoreServices(EmptyFileSystem);
let counter = 0;

export function parse(text: string): Model {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(`/outline/${counter++}.cnn`));
    return document.parseResult.value;
}

/** One outline entry: what a symbol shows (kind and name) and where its text is. */
export interface Entry { kind: string; name: string; offset: number; end: number; depth: number }

/** Networks, blocks and every statement, in text order, as the outline and folding see them. */
export function outline(model: Model): Entry[] {
    const entries: Entry[] = [];
    for (const node of AstUtils.streamAllContents(model)) {
        if (!(isStmt(node) || isBlock(node) || isNetwork(node)) || !node.$cstNode) continue;
        entries.push({ kind: node.$type, name: nameOf(node), offset: node.$cstNode.offset, end: node.$cstNode.end, depth: depthOf(node) });
    }
    return entries;
}

function nameOf(node: AstNode): string {
    const n = node as unknown as Record<string, unknown>;
    return String(n.label ?? n.name ?? n.op ?? n.block ?? '');
}

function depthOf(node: AstNode): number {
    let depth = 0;
    for (let n = node.$container; n; n = n.$container) depth++;
    return depth;
}

export const key = (e: Entry, shift = 0) => `${e.kind} ${e.name} ${e.offset + shift}-${e.end + shift} d${e.depth}`;
/** Without the end: a deletion can leave a `,` that the statement before then takes in. */
export const startKey = (e: Entry, shift = 0) => `${e.kind} ${e.name} ${e.offset + shift} d${e.depth}`;
