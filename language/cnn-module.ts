import './polyfills.js';
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices
} from 'langium';
import { CnnGeneratedModule, CnnGeneratedSharedModule } from './generated/module.js';

export type CnnCoreServices = LangiumCoreServices;

/**
 * The language's core services (parser, AST, workspace), without any LSP or VS Code parts:
 * what the CLI and the analysis need. The language server extends these.
 */
export function createCnnCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Cnn: CnnCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), CnnGeneratedSharedModule);
    const Cnn = inject(createDefaultCoreModule({ shared }), CnnGeneratedModule);
    shared.ServiceRegistry.register(Cnn);
    return { shared, Cnn };
}
