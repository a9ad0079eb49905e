import { isAstNode, type AstNode, type AstReflection, type LangiumParser, type Lexer, type LexerResult, type ParseResult } from 'langium';

/** The parts of Langium's `LangiumParser` (4.4) its `parse` uses, which it keeps protected. */
interface ParserInternals {
    lexer: Lexer;
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: unknown[]): void };
    wrapper: { input: unknown[]; errors: ParseResult['parserErrors'] };
    allRules: Map<string, unknown>;
    mainRule: unknown;
    unorderedGroups: { clear(): void };
    lexerResult: LexerResult | undefined;
    astReflection: Pick<AstReflection, 'getTypeMetaData'>;
    doParse(rule: unknown): AstNode;
}

type TypeMetaData = ReturnType<AstReflection['getTypeMetaData']>;

/**
 * Two per-node costs of Langium's tree building that allocate for every node, and so were a
 * fifth of a parse and much of its garbage collection (a written-out ResNet-152, profiled):
 *
 * - after parsing, `linkContentToContainer(root, { deep: true })` sets each node's `$container`,
 *   `$containerProperty` and `$containerIndex` through `Object.entries` of every node (20 % of
 *   the parse on its own). `linkContainers` below sets the same three properties in the same
 *   order without building an array per node; `parse` here is Langium's `LangiumParser.parse`
 *   with that one call replaced, its other steps kept as they are.
 * - each finished node gets the defaults of its type (`[]` for lists, `false` for `?=`) through
 *   `Object.values` of all its type's properties. The parser reads the reflection only for that,
 *   so it is given one whose types list only the properties that have a default.
 *
 * The trees are the same as Langium's; test/live-editing/tree-building.test.ts compares them.
 */
export function buildTreesFaster(parser: LangiumParser): LangiumParser {
    const internals = parser as unknown as ParserInternals;
    internals.astReflection = withDefaultsOnly(internals.astReflection);
    parser.parse = (<T extends AstNode>(input: string, options: { rule?: string } = {}): ParseResult<T> => {
        internals.nodeBuilder.buildRootNode(input);
        const lexerResult = internals.lexerResult = internals.lexer.tokenize(input);
        internals.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? internals.allRules.get(options.rule) : internals.mainRule;
        if (!ruleMethod) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const result = internals.doParse(ruleMethod);
        internals.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        internals.unorderedGroups.clear();
        internals.lexerResult = undefined;
        linkContainers(result);
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: internals.wrapper.errors };
    }) as LangiumParser['parse'];
    return parser;
}

/** What `linkContentToContainer(node, { deep: true })` does, without an array per node. */
export function linkContainers(node: AstNode): void {
    const record = node as unknown as Record<string, unknown>;
    for (const name in record) {
        if (name.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[name];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (!isAstNode(item)) continue;
                const child = item as { $container: AstNode; $containerProperty: string; $containerIndex: number };
                child.$container = node;
                child.$containerProperty = name;
                child.$containerIndex = index;
                linkContainers(item);
            }
        } else if (isAstNode(value)) {
            const child = value as { $container: AstNode; $containerProperty: string };
            child.$container = node;
            child.$containerProperty = name;
            linkContainers(value);
        }
    }
}

/** A reflection whose types list only their properties with a default value (what the parser reads). */
function withDefaultsOnly(reflection: Pick<AstReflection, 'getTypeMetaData'>): Pick<AstReflection, 'getTypeMetaData'> {
    const cache = new Map<string, TypeMetaData>();
    return {
        getTypeMetaData(type: string): TypeMetaData {
            let meta = cache.get(type);
            if (!meta) {
                const full = reflection.getTypeMetaData(type);
                const properties = Object.fromEntries(Object.entries(full.properties).filter(([, property]) => property.defaultValue !== undefined));
                meta = { ...full, properties };
                cache.set(type, meta);
            }
            return meta;
        }
    };
}
