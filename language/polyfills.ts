// Chevrotain 13 (under Langium 4.4) calls Object.groupBy, which Node 20 lacks (added in Node 21).
// Imported first by the language module so every entry point (CLI, server, tests) has it.
type GroupBy = <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => Record<PropertyKey, T[]>;

const objectWithGroupBy = Object as unknown as { groupBy?: GroupBy };
if (typeof objectWithGroupBy.groupBy !== 'function') {
    objectWithGroupBy.groupBy = <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => {
        const groups: Record<PropertyKey, T[]> = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            (groups[key] ??= []).push(item);
        }
        return groups;
    };
}
