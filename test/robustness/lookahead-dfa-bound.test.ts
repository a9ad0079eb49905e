import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCnnCoreServices } from '../../language/cnn-module.js';
import { dfaCachesOf, MAX_DFA_STATES } from '../../language/lookahead-dfa-bound.js';
import { exampleTexts } from '../fuzz/fuzz-run.js';
import { mutate } from '../fuzz/mutations.js';
import { Random } from '../fuzz/random.js';

// The fuzzed server grew past 1.5 GB and died: ALL(*)'s lookahead DFA caches only grow. They are
// now dropped past a bound; what must hold is that parsing gives exactly what it gave before.

function parserOf(services: ReturnType<typeof createCnnCoreServices>) {
    const caches = dfaCachesOf(services.Cnn.parser.LangiumParser);
    if (!caches) throw new Error('the parser has no bounded DFA caches');
    return caches;
}

/** Everything a parse gives that the features read: errors with their places, and the tree. */
function outcome(services: ReturnType<typeof createCnnCoreServices>, text: string, n: number): string {
    const document: LangiumDocument = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///d${n}.cnn`));
    const { parserErrors, lexerErrors, value } = document.parseResult;
    return JSON.stringify({
        parserErrors: parserErrors.map(e => [e.message, e.token.startOffset]),
        lexerErrors: lexerErrors.map(e => [e.message, e.offset]),
        tree: services.Cnn.serializer.JsonSerializer.serialize(value)
    });
}

describe('the bound on the parser\'s lookahead caches', () => {
    test('the parsers of the language, and its completion parser, have it', () => {
        const services = createCnnCoreServices(EmptyFileSystem);
        expect(parserOf(services).limit).toBe(MAX_DFA_STATES);
        expect(dfaCachesOf(services.Cnn.parser.CompletionParser)?.limit).toBe(MAX_DFA_STATES);
    });

    test('drops the caches past the bound, and every parse gives what the unbounded parser gives', () => {
        const unbounded = createCnnCoreServices(EmptyFileSystem);
        parserOf(unbounded).limit = Number.POSITIVE_INFINITY;
        const bounded = createCnnCoreServices(EmptyFileSystem);
        const caches = parserOf(bounded);
        caches.limit = 60;
        const random = new Random(11);
        const examples = exampleTexts();
        const texts = [...examples, ...Array.from({ length: 150 }, (_, i) => mutate(examples[i % examples.length], random).text)];
        let differ = 0;
        for (const [n, text] of texts.entries()) {
            if (outcome(unbounded, text, n) !== outcome(bounded, text, n)) differ++;
        }
        expect(differ).toBe(0);
        expect(caches.dropped).toBeGreaterThan(2);
        expect(parserOf(unbounded).dropped).toBe(0);
        // The unbounded caches hold several times the bound by now.
        expect(parserOf(unbounded).states()).toBeGreaterThan(4 * 60);
    }, 60_000);
});
