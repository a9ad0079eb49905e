import type { LangiumParser } from 'langium';

/** The parts of Chevrotain's parser (Langium's wrapper around it) that building a no-viable-alternative error reads. */
interface ChevrotainParser {
    maxLookahead: number;
    errorMessageProvider: { buildNoViableAltMessage(options: NoViableAltOptions): string };
    getCurrRuleFullName(): string;
    getGAstProductions(): Record<string, object>;
    LA(offset: number): unknown;
    SAVE_ERROR(error: Error): Error;
    raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
}

interface NoViableAltOptions {
    expectedPathsPerAlt: unknown[][][];
    actual: unknown[];
    previous: unknown;
    customUserDescription: string | undefined;
    ruleName: string;
}

const PATCHED = Symbol('lookahead paths cached');

/** How many times the paths were computed (not taken from the cache), for the cache's test. */
export const lookaheadPathCounts = { computed: 0 };

/**
 * Chevrotain builds every "no viable alternative" error from the lookahead paths of the failing
 * alternation, computed from the grammar anew each time (its own source says "consider
 * caching"). They depend only on the rule, the alternation and the lookahead depth, yet on broken
 * text that computation was half of the language server's time (the fuzzer's profile, issue 11):
 * the statement recovery's trial parses and every completion request raise these errors again and
 * again. Here the paths are computed once per alternation and reused; the message, the exception
 * and the recorded error are exactly Chevrotain's.
 *
 * Patches the class of the parser's Chevrotain wrapper, so the completion parser (the same class)
 * shares it; the cache is per grammar production, so each parser keeps its own.
 */
export function cacheLookaheadPaths(parser: LangiumParser): LangiumParser {
    const wrapper = (parser as unknown as { wrapper: ChevrotainParser }).wrapper;
    const prototype = Object.getPrototypeOf(wrapper) as ChevrotainParser & { [PATCHED]?: true };
    if (prototype[PATCHED]) return parser;
    const compute = prototype.raiseNoAltException;
    const cache = new WeakMap<object, Map<string, unknown[][][]>>();
    // Chevrotain's NoViableAltException (not importable: Chevrotain is Langium's dependency, not
    // ours), taken from the first error it throws, which always comes before any cached one.
    let exceptionType: new (message: string, token: unknown, previous: unknown) => Error = Error;
    prototype.raiseNoAltException = function (this: ChevrotainParser, occurrence: number, errMsgTypes: string | undefined): never {
        const ruleName = this.getCurrRuleFullName();
        const production = this.getGAstProductions()[ruleName];
        const perProduction = cache.get(production) ?? new Map<string, unknown[][][]>();
        cache.set(production, perProduction);
        const key = `${occurrence}/${this.maxLookahead}`;
        const known = perProduction.get(key);
        if (!known) {
            // First time here: Chevrotain computes the paths; they are kept on their way to the message.
            lookaheadPathCounts.computed++;
            const provider = this.errorMessageProvider;
            this.errorMessageProvider = {
                buildNoViableAltMessage(options) {
                    perProduction.set(key, options.expectedPathsPerAlt);
                    return provider.buildNoViableAltMessage(options);
                }
            };
            try {
                return compute.call(this, occurrence, errMsgTypes);
            } catch (error) {
                exceptionType = (error as Error).constructor as typeof exceptionType;
                throw error;
            } finally {
                this.errorMessageProvider = provider;
            }
        }
        // What Chevrotain's raiseNoAltException does, with the paths from the cache.
        const actual: unknown[] = [];
        for (let i = 1; i <= this.maxLookahead; i++) actual.push(this.LA(i));
        const previous = this.LA(0);
        const message = this.errorMessageProvider.buildNoViableAltMessage({ expectedPathsPerAlt: known, actual, previous, customUserDescription: errMsgTypes, ruleName });
        throw this.SAVE_ERROR(new exceptionType(message, this.LA(1), previous));
    };
    prototype[PATCHED] = true;
    return parser;
}
