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
    /** How many times each name occurs among this execution's children (made on the first child). */
    children?: Map<string, number>;
    /** undefined for the root, which has no name of its own. */
    parent: Segment | undefined;
    /** The resolved path, once asked for: every row of one execution shares one string. */
    path?: string;
}

/** Where a row or group stands in the tree of executions; `PathNumbering.resolve` names it. */
export type PathMark = Segment;

export class PathNumbering {
    private readonly root: Segment = { name: '', k: 1, parent: undefined, path: '' };
    private current: Segment = this.root;

    push(name: string): void {
        const parent = this.current;
        parent.children ??= new Map();
        const k = (parent.children.get(name) ?? 0) + 1;
        parent.children.set(name, k);
        this.current = { name, k, parent };
    }

    pop(): void {
        this.current = this.current.parent ?? this.root;
    }

    /** The current place, to be resolved once the expansion is over (a reference: no copy per row). */
    here(): PathMark {
        return this.current;
    }

    /** The path of a place, valid once the expansion is over. */
    resolve(mark: PathMark): string {
        // Iterative: nesting may be 10,000 deep (LANGUAGE.md §7), too deep to recurse safely.
        const unresolved: Segment[] = [];
        let segment = mark;
        while (segment.path === undefined) {
            unresolved.push(segment);
            segment = segment.parent!;
        }
        for (let i = unresolved.length - 1; i >= 0; i--) {
            const s = unresolved[i];
            const parent = s.parent!;
            const own = (parent.children?.get(s.name) ?? 1) > 1 ? `${s.name}#${s.k}` : s.name;
            s.path = parent.path === '' ? own : `${parent.path}/${own}`;
        }
        return mark.path!;
    }
}
