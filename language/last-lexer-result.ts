import type { Lexer, LexerResult } from 'langium';

/**
 * Has a lexer keep its last result for one more reader: the statement recovery scans the tokens
 * of the text the parser has just lexed, and lexing it again was a tenth of a clean parse
 * (0.3–0.5 ms of a written-out ResNet-152). `take(text)` is that text's result: the remembered
 * one if it is for this very text, else lexed anew; either way the remembered one is forgotten,
 * as after `forget()`, so no file's tokens outlive their use.
 */
export function rememberLastResult(lexer: Lexer): { take(text: string): LexerResult; forget(): void } {
    const tokenize = lexer.tokenize.bind(lexer);
    let last: { text: string; result: LexerResult } | undefined;
    lexer.tokenize = ((text: string, options?: Parameters<Lexer['tokenize']>[1]) => {
        const result = tokenize(text, options);
        last = options === undefined ? { text, result } : undefined;
        return result;
    }) as Lexer['tokenize'];
    return {
        take(text) {
            const remembered = last?.text === text ? last.result : undefined;
            last = undefined;
            return remembered ?? tokenize(text);
        },
        forget() {
            last = undefined;
        }
    };
}
