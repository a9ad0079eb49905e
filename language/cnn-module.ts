import './polyfills.js';
import {
    createCompletionParser, createDefaultCoreModule, createDefaultSharedCoreModule, createLangiumParser, inject, type Module, type PartialLangiumCoreServices,
    type DefaultSharedCoreModuleContext, type LangiumParser, type PartialLangiumSharedCoreServices, type LangiumCoreServices, type LangiumSharedCoreServices
} from 'langium';
import { CnnServiceRegistry } from './cnn-service-registry.js';
import { CnnGeneratedModule, CnnGeneratedSharedModule } from './generated/module.js';
import { boundLookaheadDfa } from './lookahead-dfa-bound.js';
import { cacheLookaheadPaths } from './lookahead-paths-cache.js';
import { guardNesting } from './nesting-guard.js';
import { CnnParserErrorMessages } from './parser-messages.js';
import { guardSize } from './size-guard.js';
import { recoverStatements } from './statement-recovery.js';
import { buildTreesFaster } from './tree-building.js';
import { CnnValueConverter } from './value-converter.js';

export type CnnCoreServices = LangiumCoreServices;

/** The document parser: Langium's, with the language's recovery, guards and speed-ups around it. */
export function createCnnParser(services: LangiumCoreServices): LangiumParser {
    return guardSize(recoverStatements(guardNesting(boundLookaheadDfa(cacheLookaheadPaths(buildTreesFaster(createLangiumParser(services))))), services.parser.Lexer));
}

/** What the language changes in Langium's defaults. */
export const CnnCoreModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
    parser: {
        ParserErrorMessageProvider: () => new CnnParserErrorMessages(),
        LangiumParser: createCnnParser,
        // Completion parses every request's text: its lookahead caches grow the same way.
        CompletionParser: services => boundLookaheadDfa(createCompletionParser(services)),
        ValueConverter: () => new CnnValueConverter()
    }
};

/** What the language changes in Langium's shared services: every imported file is a `.cnn` file. */
export const CnnSharedCoreModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    ServiceRegistry: services => new CnnServiceRegistry(services)
};

/**
 * The language's core services (parser, AST, workspace), without any LSP or VS Code parts:
 * what the CLI and the analysis need. The language server extends these.
 */
export function createCnnCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Cnn: CnnCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), CnnGeneratedSharedModule, CnnSharedCoreModule);
    const Cnn = inject(createDefaultCoreModule({ shared }), CnnGeneratedModule, CnnCoreModule);
    shared.ServiceRegistry.register(Cnn);
    return { shared, Cnn };
}
