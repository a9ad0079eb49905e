// Chevrotain 13 (used by Langium 4.4) calls Object.groupBy, which Node 20 lacks (it arrived in
// Node 21). Loaded with `node --require` for langium-cli; language/polyfills.ts does the same at run time.
if (typeof Object.groupBy !== 'function') {
    Object.groupBy = function groupBy(items, keyOf) {
        const groups = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            (groups[key] ??= []).push(item);
        }
        return groups;
    };
}
