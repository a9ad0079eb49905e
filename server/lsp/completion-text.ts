import type { LangiumCompletionParser } from 'langium';

/**
 * Langium finds the grammar's next features by walking every token the completion parser could
 * not take (it does not recover), and that walk grows exponentially with their number: below a
 * half-typed `block C(c{` near the top of a file, a completion 70 lines further down ran for
 * minutes (the fuzzer) and the server answered nothing else; 10 such tokens took 40 ms, 18 took
 * 1.3 s. No useful suggestion comes from a walk that long anyway, so completion looks at most
 * MAX_LEFTOVER_TOKENS past where the parser stopped (in text that parses there are none): if the text before the cursor leaves more, it is read from the start of the last
 * declaration (`block`, `network`, `import` at the start of a line) before the cursor, the text
 * above it blanked (offsets kept); if that leaves more too, there are no grammar suggestions.
 */
export const MAX_LEFTOVER_TOKENS = 8;

const DECLARATION = /^(?:block|network|import)\b/gm;

/** The text before the cursor that completion may walk, or undefined for none. */
export function completableText(parser: LangiumCompletionParser, before: string): string | undefined {
    if (leftover(parser, before) <= MAX_LEFTOVER_TOKENS) return before;
    let start = -1;
    for (const match of before.matchAll(DECLARATION)) start = match.index;
    if (start <= 0) return undefined;
    const narrowed = before.slice(0, start).replace(/[^\r\n]/g, ' ') + before.slice(start);
    return leftover(parser, narrowed) <= MAX_LEFTOVER_TOKENS ? narrowed : undefined;
}

/** How many tokens the completion's walk would start from. */
function leftover(parser: LangiumCompletionParser, text: string): number {
    const result = parser.parse(text);
    return result.tokens.length - result.tokenIndex;
}
