import { LangiumParserErrorMessageProvider } from 'langium';

/** The parts of Chevrotain's token types these messages read. */
interface TokenType { name: string }
interface IToken { image: string; tokenType?: TokenType }

/** Words for the terminals, so a syntax error reads like the language reference. */
const TERMINAL_WORDS: Record<string, string> = {
    DIMS: 'dimensions (like 3x3)',
    INT: 'a whole number',
    NUMBER: 'a decimal number',
    QUANTITY: 'an amount (like 4G or 48MiB)',
    ID: 'a name',
    STRING: 'a quoted path'
};

/** Beyond this many alternatives a list of expected tokens stops helping. */
const MAX_LISTED = 6;

/**
 * Syntax error messages in the language's own words: `unexpected ':'; expected dimensions (like
 * 3x3) or 'kernel'` instead of Chevrotain's numbered token sequences. Keywords that may also be
 * names are folded into "a name".
 */
export class CnnParserErrorMessages extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken }): string {
        return withExpected(options.actual, [options.expected]);
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
        const firsts = options.expectedPathsPerAlt.flat().map(path => path[0]).filter(Boolean);
        return withExpected(options.actual[0], firsts);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return withExpected(options.actual[0], firsts);
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken }): string {
        return `${unexpected(options.firstRedundant)}; expected 'network', 'block' or 'import'`;
    }
}

function unexpected(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === '') return 'unexpected end of file';
    return `unexpected '${token.image}'`;
}

function withExpected(actual: IToken | undefined, tokens: TokenType[]): string {
    let words = describeAll(tokens);
    // A name where "a name" was expected means a longer construct did not fit (an unknown option,
    // a label without ':'): listing "a name" would only confuse.
    if (actual?.tokenType?.name === 'ID') words = words.filter(word => word !== TERMINAL_WORDS.ID);
    const message = unexpected(actual);
    return words.length > 0 && words.length <= MAX_LISTED ? `${message}; expected ${joinOr(words)}` : message;
}

function describeAll(tokens: TokenType[]): string[] {
    const names = new Set(tokens.map(token => token.name));
    const acceptsName = names.has('ID');
    const words = new Set<string>();
    for (const name of names) {
        const terminal = TERMINAL_WORDS[name];
        if (terminal) words.add(terminal);
        // A keyword; word keywords are part of "a name" wherever a name is expected.
        else if (!acceptsName || !/^[a-z]/.test(name)) words.add(`'${name}'`);
    }
    return [...words];
}

function joinOr(words: string[]): string {
    return words.length <= 1 ? (words[0] ?? 'something else') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
