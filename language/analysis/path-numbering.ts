/**
 * Path segments numbered per parent execution (LANGUAGE.md §8.10): when the same segment occurs
 * more than once within one execution of its parent (separate statements, `* N` and `repeat`
 * together), the k-th occurrence is `Segment#k`; a segment that occurs once keeps its bare name.
 * Whether a name repeats is known only when its parent has finished, so paths are resolved at
 * the end of the expansion.
 */
interface Segment {
    name: string;
    /** Which occurrence of `name` within the parent's execution this is, from 1. */
    k: number;
    /** How many times each name occurs among this execution's children. */
    children: Map<string, number>;
    parent: Segment;
}

export class PathNumbering {
    private readonly root: Segment = { name: '', k: 1, children: new Map(), parent: undefined as unknown as Segment };
    private readonly stack: Segment[] = [];

    push(name: string): void {
        const parent = this.stack[this.stack.length - 1] ?? this.root;
        const k = (parent.children.get(name) ?? 0) + 1;
        parent.children.set(name, k);
        this.stack.push({ name, k, children: new Map(), parent });
    }

    pop(): void {
        this.stack.pop();
    }

    /** The current path, to be resolved once the expansion is over. */
    here(): () => string {
        const chain = [...this.stack];
        return () => chain.map(s => ((s.parent.children.get(s.name) ?? 1) > 1 ? `${s.name}#${s.k}` : s.name)).join('/');
    }
}
