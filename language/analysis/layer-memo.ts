import type { AstNode } from 'langium';
import type { Block } from '../generated/ast.js';
import type { Value } from './expressions.js';
import type { LayerCosts } from './layer-rules.js';
import { elementsOf } from './shape.js';
import type { Shape } from './types.js';

/** A layer's costs as every row of it shares them: the written elements are counted once too. */
export interface MemoizedCosts {
    costs: LayerCosts;
    memoryElements: bigint;
}

/**
 * Layer inference done once per distinct (statement, block arguments, block input, layer input)
 * (issue 11): a block called a thousand times with the same arguments on the same shape infers
 * each of its layers once, and its rows share the result (shapes, counts, formulas, attributes).
 *
 * What a layer's inference reads is exactly its statement, the values its names have (the
 * block's parameters and `C H W`, the block call's input) and the layer's input shape, so those
 * are the key. Inference that reported anything is never kept: each row's diagnostics come from
 * a run of its own, with its own call site. Rows' names, paths, taps, fields and dataflow are
 * still each row's own.
 */
export class LayerMemo {
    private readonly frames = new Map<string, FrameMemo>();
    private readonly blockIds = new Map<Block, number>();

    /** The network's own frame: no parameters, the network's input (one per expansion). */
    readonly network = new FrameMemo();

    /** The memo of a block call's frame: one per block, parameters' values and input shape. */
    frame(block: Block, params: ReadonlyMap<string, Value>, input: Shape): FrameMemo {
        let id = this.blockIds.get(block);
        if (id === undefined) {
            id = this.blockIds.size + 1;
            this.blockIds.set(block, id);
        }
        let key = `${id}(${input.join('x')})`;
        for (const [name, value] of params) key += `,${name}=${valueKey(value)}`;
        let frame = this.frames.get(key);
        if (!frame) {
            frame = new FrameMemo();
            this.frames.set(key, frame);
        }
        return frame;
    }
}

/** Memoized layers of one frame, by statement and then by input shape. */
export class FrameMemo {
    private readonly byNode = new Map<AstNode, { byShape: Map<Shape, MemoizedCosts>; byDims: Map<string, MemoizedCosts> }>();

    get(node: AstNode, input: Shape): MemoizedCosts | undefined {
        const entries = this.byNode.get(node);
        if (!entries) return undefined;
        // The same shape object comes back call after call (memoized outputs are shared): no key to build.
        const found = entries.byShape.get(input) ?? entries.byDims.get(input.join('x'));
        if (found && entries.byShape.size < 64) entries.byShape.set(input, found);
        return found;
    }

    set(node: AstNode, input: Shape, costs: LayerCosts): MemoizedCosts {
        let entries = this.byNode.get(node);
        if (!entries) {
            entries = { byShape: new Map(), byDims: new Map() };
            this.byNode.set(node, entries);
        }
        const memoized = { costs, memoryElements: costs.writes ? elementsOf(costs.output) : 0n };
        entries.byShape.set(input, memoized);
        entries.byDims.set(input.join('x'), memoized);
        return memoized;
    }
}

function valueKey(value: Value): string {
    switch (value.kind) {
        case 'number': return `${value.value.num}/${value.value.den}`;
        case 'operator': return `op:${value.op}`;
        case 'truth': return `truth:${value.value}`;
    }
}
