/**
 * Langium's parser predicts alternatives with ALL(*) (chevrotain-allstar), which caches, per
 * decision, a DFA of every lookahead situation it has met. The cache only grows: a server that
 * meets endless new half-typed text (the fuzzer's 15,000 documents, or a long day of editing)
 * kept adding states of tens of kilobytes each, and the fuzzed server passed 1.5 GB and died.
 * Parsing the same 2,500 fuzzed documents in one process: 265 MiB of heap with the cache, 15 MiB
 * without it. Here the caches are counted every CHECK_EVERY parses and dropped once they hold
 * more than `maxStates` states; the next parses learn the decisions they need again, so
 * prediction, and every parse result, stays exactly the same. The examples need 287 states; the
 * fuzzed documents, about 34 KB each, reach 4,000 after some 750 documents: capped there, the
 * heap stays under about 140 MiB, and the parses just after a drop are slower while they learn
 * (fuzzed documents: about 30 ms a parse on average against 13 ms warm).
 */
export const MAX_DFA_STATES = 4_000;
const CHECK_EVERY = 16;

/** The parts of chevrotain-allstar's LLStarLookaheadStrategy this reads. */
interface AllStarStrategy {
    atn: { decisionStates: unknown[] };
    /** One cache per decision, indexed by decision; the lookahead functions index this very array. */
    dfas: Array<(predicates: { toString(): string }) => DfaCache>;
}

interface DfaCache { atnStartState: unknown; decision: number; states: Record<string, unknown> }

/** The DFA caches of one parser: made here (as chevrotain-allstar makes them), so they can be counted and dropped. */
export class DfaCaches {
    /** Per decision, its caches by predicate set. */
    private maps: Array<Map<string, DfaCache>> = [];
    private parses = 0;
    /** How many times the caches were dropped, for the tests. */
    dropped = 0;

    /** @param limit the most states kept (checked every CHECK_EVERY parses); tests lower it. */
    constructor(private readonly strategy: AllStarStrategy, public limit: number) {
        this.reset();
    }

    /** Called after each parse: drops the caches once they hold too many states. */
    afterParse(): void {
        if (++this.parses % CHECK_EVERY !== 0) return;
        if (this.states() > this.limit) {
            this.reset();
            this.dropped++;
        }
    }

    states(): number {
        let count = 0;
        for (const map of this.maps) for (const dfa of map.values()) count += Object.keys(dfa.states).length;
        return count;
    }

    private reset(): void {
        const { atn, dfas } = this.strategy;
        this.maps = atn.decisionStates.map(() => new Map());
        // In place: the lookahead functions built by the parser hold this array, not a copy.
        for (let decision = 0; decision < dfas.length; decision++) {
            const map = this.maps[decision];
            const atnStartState = atn.decisionStates[decision];
            dfas[decision] = predicates => {
                const key = predicates.toString();
                let dfa = map.get(key);
                if (dfa === undefined) {
                    dfa = { atnStartState, decision, states: {} };
                    map.set(key, dfa);
                }
                return dfa;
            };
        }
    }
}

const BOUND = Symbol('lookahead DFA bounded');

/** Bounds the ALL(*) caches of a parser (a no-op where the parser predicts otherwise). */
export function boundLookaheadDfa<P extends { parse(input: string, ...rest: never[]): unknown }>(parser: P, maxStates = MAX_DFA_STATES): P {
    const strategy = (parser as unknown as { wrapper?: { lookaheadStrategy?: Partial<AllStarStrategy> } }).wrapper?.lookaheadStrategy;
    if (!strategy || !Array.isArray(strategy.dfas) || !strategy.atn) return parser;
    const caches = new DfaCaches(strategy as AllStarStrategy, maxStates);
    const parse = parser.parse.bind(parser);
    parser.parse = ((...args: never[]) => {
        try {
            return (parse as (...a: never[]) => unknown)(...args);
        } finally {
            caches.afterParse();
        }
    }) as P['parse'];
    (parser as { [BOUND]?: DfaCaches })[BOUND] = caches;
    return parser;
}

/** The bounded caches of a parser, for tests and benchmarks. */
export function dfaCachesOf(parser: object): DfaCaches | undefined {
    return (parser as { [BOUND]?: DfaCaches })[BOUND];
}
