import { GrammarUtils, type GrammarAST, type LangiumCompletionParser } from 'langium';
import { findNextFeatures, type NextFeature } from 'langium/lsp';

/**
 * Langium finds the grammar's next features by walking every token the completion parser could
 * not take (it does not recover), and that walk grows exponentially with their number: below a
 * half-typed `block C(c{` near the top of a file, a completion 70 lines further down ran for
 * minutes (the fuzzer) and the server answered nothing else; 10 such tokens took 40 ms, 18 took
 * 1.3 s. No useful suggestion comes from a walk that long anyway, so completion looks at most
 * MAX_LEFTOVER_TOKENS past where the parser stopped (in text that parses there are none): if the
 * text before the cursor leaves more, it is read from the start of the last declaration
 * (`block`, `network`, `import` at the start of a line) before the cursor, the text above it
 * blanked (offsets kept); if that leaves more too, there are no grammar suggestions.
 */
export const MAX_LEFTOVER_TOKENS = 8;

const DECLARATION = /^(?:block|network|import)\b/gm;

type CompletionParse = ReturnType<LangiumCompletionParser['parse']>;

/**
 * What Langium's `findFeaturesAt` computes from the text before the cursor, from one parse of the
 * text (two when it is narrowed), bounded as above.
 */
export function boundedFeatures(parser: LangiumCompletionParser, grammar: GrammarAST.Grammar,
    entryCall: (rule: GrammarAST.ParserRule) => NextFeature, before: string): NextFeature[] {
    let parsed = parser.parse(before);
    if (leftover(parsed) > MAX_LEFTOVER_TOKENS) {
        let start = -1;
        for (const match of before.matchAll(DECLARATION)) start = match.index;
        if (start <= 0) return [];
        parsed = parser.parse(before.slice(0, start).replace(/[^\r\n]/g, ' ') + before.slice(start));
        if (leftover(parsed) > MAX_LEFTOVER_TOKENS) return [];
    }
    // As Langium does: nothing taken, the entry rule's features over every token; else the
    // features after the parser's element stack, over the tokens it left.
    if (parsed.tokenIndex === 0) {
        const entry = GrammarUtils.getEntryRule(grammar);
        return entry ? findNextFeatures([[entryCall(entry)]], parsed.tokens) : [];
    }
    return findNextFeatures([parsed.elementStack.map(feature => ({ feature }))], parsed.tokens.slice(parsed.tokenIndex));
}

/** How many tokens the walk would start from. */
function leftover(parsed: CompletionParse): number {
    return parsed.tokens.length - parsed.tokenIndex;
}
