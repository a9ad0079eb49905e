import {
    DefaultLinker, DefaultReferenceDescriptionProvider, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription,
    type LangiumDocument, type LocalSymbols, type ReferenceDescription
} from 'langium';

// The grammar has no cross-references: a call's block, a parameter in an expression, a label and
// an import are resolved the way the analysis resolves them (server/lsp/symbols.ts), never through
// Langium's scopes. Langium's build still walked the whole tree three more times after each parse,
// awaiting a promise per node: local scopes, linking and the reference index, about 3 ms each on
// a written-out ResNet-152 (515 rows), plus the garbage of those promises, for tables nothing reads.
// The exported symbols (top-level blocks and networks, for workspace symbols) are kept.

/** No local scopes: nothing is linked through them. */
export class CnnScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

/** Nothing to link: the tree holds no `Reference`s. */
export class CnnLinker extends DefaultLinker {
    override async link(_document: LangiumDocument): Promise<void> {
        // No cross-references in the grammar (see above).
    }
}

/** No references to index (references and rename use the analysis's resolution instead). */
export class CnnReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(_document: LangiumDocument): Promise<ReferenceDescription[]> {
        return [];
    }
}
