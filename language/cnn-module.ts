import './polyfills.js';
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, createLangiumParser, inject, type Module, type PartialLangiumCoreServices,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices
} from 'langium';
import { CnnGeneratedModule, CnnGeneratedSharedModule } from './generated/module.js';
import { guardNesting } from './nesting-guard.js';
import { CnnParserErrorMessages } from './parser-messages.js';

export type CnnCoreServices = LangiumCoreServices;

/** What the language changes in Langium's defaults. */
export const CnnCoreModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
    parser: {
        ParserErrorMessageProvider: () => new CnnParserErrorMessages(),
        LangiumParser: services => guardNesting(createLangiumParser(services))
    }
};

/**
 * The language's core services (parser, AST, workspace), without any LSP or VS Code parts:
 * what the CLI and the analysis need. The language server extends these.
 */
export function createCnnCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Cnn: CnnCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), CnnGeneratedSharedModule);
    const Cnn = inject(createDefaultCoreModule({ shared }), CnnGeneratedModule, CnnCoreModule);
    shared.ServiceRegistry.register(Cnn);
    return { shared, Cnn };
}
