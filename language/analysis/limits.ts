/** Fixed bounds that keep expansion finite (LANGUAGE.md §7, `too-large`). */
export const Limits = {
    rows: 1_000_000,
    statements: 5_000_000,
    count: 1_000_000,
    nesting: 10_000
} as const;
