import { AstUtils, type AstNode, type CstNode } from 'langium';
import { isStmt } from './generated/ast.js';

/**
 * Where syntax errors stop shape inference (LANGUAGE.md §8.11). The recovery pass blanks a
 * statement that does not parse, so the tree has a gap where it was; the gap is recorded here
 * as "before the k-th statement of this body", and the expander stops when it gets there.
 */
export interface SyntaxStop {
    /** Where the broken text starts. */
    offset: number;
    /** False for a `meta`, `budget` or `input` line: dropping it stops nothing. */
    stops: boolean;
    /** The error is in a block's parameter list: every call of that block stops. */
    parameters: boolean;
}

/** The properties that hold statements, in the order their braces appear. */
const STATEMENT_ARRAYS = ['body', 'elseBody'];
/** Nodes whose errors drop only themselves (§8.11). */
const DROPPED_ONLY = new Set(['Meta', 'MetaEntry', 'Budget', 'Limit', 'Input', 'Import']);

const stopsInBody = new WeakMap<readonly AstNode[], Set<number>>();
const brokenHeaders = new WeakSet<AstNode>();

/** Whether a syntax error lies just before `body[index]` (index = body.length: at the end of the body). */
export function syntaxStopBefore(body: readonly AstNode[], index: number): boolean {
    return stopsInBody.get(body)?.has(index) ?? false;
}

/** Whether a block's parameter list has a syntax error, so that every call of it stops inference. */
export function hasBrokenParameters(block: AstNode): boolean {
    return brokenHeaders.has(block);
}

export function recordSyntaxStops(root: AstNode, stops: readonly SyntaxStop[]): void {
    for (const stop of stops) if (stop.stops) record(root, stop);
}

function record(root: AstNode, stop: SyntaxStop): void {
    let node: AstNode | undefined = deepestAt(root, stop.offset);
    while (node) {
        if (stop.parameters && node.$type === 'Block') {
            brokenHeaders.add(node);
            return;
        }
        if (DROPPED_ONLY.has(node.$type)) return;
        const body = bodyAt(node, stop.offset);
        if (body) {
            const index = body.filter(statement => (statement.$cstNode?.end ?? 0) <= stop.offset).length;
            add(body, index);
            return;
        }
        if (isStmt(node) && node.$container && node.$containerProperty) {
            const siblings = (node.$container as unknown as Record<string, unknown>)[node.$containerProperty];
            if (Array.isArray(siblings)) {
                add(siblings as AstNode[], siblings.indexOf(node));
                return;
            }
        }
        node = node.$container;
    }
}

function add(body: readonly AstNode[], index: number): void {
    let set = stopsInBody.get(body);
    if (!set) stopsInBody.set(body, set = new Set());
    set.add(index);
}

function deepestAt(root: AstNode, offset: number): AstNode {
    let node = root;
    for (;;) {
        const child = AstUtils.streamContents(node).find(c => c.$cstNode !== undefined && c.$cstNode.offset <= offset && offset < c.$cstNode.end);
        if (!child) return node;
        node = child;
    }
}

/** The statement array of `node` whose braces hold `offset`, if the offset is inside one of its bodies. */
function bodyAt(node: AstNode, offset: number): AstNode[] | undefined {
    const arrays = STATEMENT_ARRAYS.map(name => (node as unknown as Record<string, unknown>)[name]).filter(Array.isArray) as AstNode[][];
    if (arrays.length === 0 || !node.$cstNode) return undefined;
    const braces = ownBraces(node.$cstNode, node);
    const stack: number[] = [];
    let pair = 0;
    for (const brace of braces) {
        if (brace.text === '{') {
            stack.push(brace.offset);
        } else if (stack.length > 0) {
            const open = stack.pop()!;
            if (stack.length === 0) {
                if (open < offset && offset <= brace.offset) return arrays[Math.min(pair, arrays.length - 1)];
                pair++;
            }
        }
    }
    // A body left open (missing `}`) holds everything after its `{`.
    if (stack.length > 0 && stack[0] < offset) return arrays[Math.min(pair, arrays.length - 1)];
    return undefined;
}

/** The `{` and `}` keywords of the node itself, not of its children. */
function ownBraces(cst: CstNode, node: AstNode): CstNode[] {
    const found: CstNode[] = [];
    const visit = (c: CstNode) => {
        if ('content' in c) {
            for (const child of (c as unknown as { content: CstNode[] }).content) if (child.astNode === node) visit(child);
        } else if (c.text === '{' || c.text === '}') {
            found.push(c);
        }
    };
    visit(cst);
    return found;
}
