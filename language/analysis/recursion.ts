import { AstUtils } from 'langium';
import { isCall, type Block, type Call } from '../generated/ast.js';
import type { BlockScopes } from './sources.js';
import { documentUri } from './ranges.js';

/**
 * The block call graph, each call resolved in its own file (imports included), and the calls
 * that close a cycle. Iterative throughout (Tarjan's strongly connected components, then a
 * breadth-first path): a chain of thousands of blocks must not exhaust the stack.
 */
export class CallGraph {
    private readonly edges = new Map<Block, Array<{ call: Call; target: Block }>>();
    private readonly component = new Map<Block, number>();

    constructor(private readonly scopes: BlockScopes) {}

    /** Every call in `block` that leads back to it, with the cycle as block names (`A → B → A`). */
    recursiveCalls(block: Block): Array<{ call: Call; cycle: string[] }> {
        this.computeComponents(block);
        return this.callsOf(block)
            .filter(({ target }) => this.component.get(target) === this.component.get(block))
            .map(({ call, target }) => ({ call, cycle: [block.name, ...this.pathBetween(target, block).map(b => b.name)] }));
    }

    private callsOf(block: Block): Array<{ call: Call; target: Block }> {
        let found = this.edges.get(block);
        if (!found) {
            const scope = this.scopes.of(documentUri(block));
            found = [];
            for (const call of AstUtils.streamAllContents(block).filter(isCall)) {
                const target = scope.get(call.block);
                if (target) found.push({ call, target });
            }
            this.edges.set(block, found);
        }
        return found;
    }

    /** Tarjan's algorithm from `root`, with an explicit stack. */
    private computeComponents(root: Block): void {
        if (this.component.has(root)) return;
        const index = new Map<Block, number>();
        const low = new Map<Block, number>();
        const onStack = new Set<Block>();
        const stack: Block[] = [];
        let counter = 0;
        const visit = (block: Block) => {
            index.set(block, counter);
            low.set(block, counter);
            counter++;
            stack.push(block);
            onStack.add(block);
            work.push({ block, next: 0 });
        };
        const work: Array<{ block: Block; next: number }> = [];
        visit(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const edges = this.callsOf(frame.block);
            if (frame.next < edges.length) {
                const { target } = edges[frame.next++];
                if (this.component.has(target)) continue;
                if (!index.has(target)) visit(target);
                else if (onStack.has(target)) low.set(frame.block, Math.min(low.get(frame.block)!, index.get(target)!));
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].block;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.block)!));
            }
            if (low.get(frame.block) === index.get(frame.block)) {
                const id = this.component.size;
                let member: Block;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    this.component.set(member, id);
                } while (member !== frame.block);
            }
        }
    }

    /** The shortest chain of calls from one block to another (both in one component), ends included. */
    private pathBetween(from: Block, to: Block): Block[] {
        const parent = new Map<Block, Block | undefined>([[from, undefined]]);
        const queue = [from];
        for (let head = 0; head < queue.length && !parent.has(to); head++) {
            for (const { target } of this.callsOf(queue[head])) {
                if (!parent.has(target)) {
                    parent.set(target, queue[head]);
                    queue.push(target);
                }
            }
        }
        const path: Block[] = [];
        for (let at: Block | undefined = to; at !== undefined; at = parent.get(at)) path.unshift(at);
        return path;
    }
}
