import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { CnnCoreModule, createCnnParser } from '../language/cnn-module.js';
import { CnnServiceRegistry } from '../language/cnn-service-registry.js';
import { CnnGeneratedModule, CnnGeneratedSharedModule } from '../language/generated/module.js';
import { timeParses } from './analysis-budget.js';
import { CnnDocumentAnalyzer } from './document-analyzer.js';
import { collectAfterBuilds } from './idle-collection.js';
import { CnnEditorSettings } from './settings.js';
import { CnnCodeActionProvider } from './lsp/code-action-provider.js';
import { CnnCodeLensProvider } from './lsp/code-lens-provider.js';
import { CnnCompletionProvider } from './lsp/completion-provider.js';
import { CnnDefinitionProvider } from './lsp/definition-provider.js';
import { CnnDocumentSymbolProvider } from './lsp/document-symbol-provider.js';
import { CnnDocumentValidator } from './lsp/cnn-document-validator.js';
import { CnnFormatter } from './lsp/formatter.js';
import { CnnHoverProvider } from './lsp/hover-provider.js';
import { CnnIndexManager } from './lsp/cnn-index-manager.js';
import { CnnWorkspaceManager } from './lsp/cnn-workspace-manager.js';
import { CnnDocumentBuilder } from './lsp/cnn-document-builder.js';
import { CnnInlayHintProvider } from './lsp/inlay-hint-provider.js';
import { CnnLinker, CnnReferenceDescriptionProvider, CnnScopeComputation } from './lsp/no-cross-references.js';
import { CnnReferencesProvider } from './lsp/references-provider.js';
import { CnnRenameProvider } from './lsp/rename-provider.js';
import { CnnSemanticTokenProvider } from './lsp/semantic-token-provider.js';
import { CnnSignatureHelpProvider } from './lsp/signature-help-provider.js';
import { CnnSymbols } from './lsp/symbols.js';

/** Services this language adds to Langium's. */
export type CnnAddedServices = {
    analysis: {
        /** The one analysis per document state that every feature reads. */
        DocumentAnalyzer: CnnDocumentAnalyzer;
        /** The editor's `cnn.*` settings (batch, bytes per element, unit, input size, hints). */
        Settings: CnnEditorSettings;
    };
    references: {
        /** Blocks, parameters, labels and imports: where each is defined and used. */
        Symbols: CnnSymbols;
    };
};

export type CnnServices = LangiumServices & CnnAddedServices;

export const CnnModule: Module<CnnServices, PartialLangiumServices & CnnAddedServices> = {
    parser: {
        // Timed: a long parse shortens the analysis's budget (analysis-budget.ts).
        LangiumParser: services => timeParses(createCnnParser(services))
    },
    analysis: {
        DocumentAnalyzer: services => new CnnDocumentAnalyzer(services.shared, () => services.analysis.Settings.current),
        Settings: services => new CnnEditorSettings(services.shared)
    },
    references: {
        Symbols: services => new CnnSymbols(services),
        ScopeComputation: services => new CnnScopeComputation(services),
        Linker: services => new CnnLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new CnnReferenceDescriptionProvider(services)
    },
    validation: {
        DocumentValidator: services => new CnnDocumentValidator(services)
    },
    lsp: {
        HoverProvider: services => new CnnHoverProvider(services),
        InlayHintProvider: services => new CnnInlayHintProvider(services),
        CodeLensProvider: services => new CnnCodeLensProvider(services),
        DocumentSymbolProvider: services => new CnnDocumentSymbolProvider(services),
        DefinitionProvider: services => new CnnDefinitionProvider(services),
        ReferencesProvider: services => new CnnReferencesProvider(services),
        RenameProvider: services => new CnnRenameProvider(services),
        SemanticTokenProvider: services => new CnnSemanticTokenProvider(services),
        Formatter: () => new CnnFormatter(),
        CompletionProvider: services => new CnnCompletionProvider(services),
        SignatureHelp: services => new CnnSignatureHelpProvider(services),
        CodeActionProvider: services => new CnnCodeActionProvider(services)
    }
};

export const CnnSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: services => new CnnServiceRegistry(services),
    workspace: {
        IndexManager: services => new CnnIndexManager(services),
        WorkspaceManager: services => new CnnWorkspaceManager(services),
        DocumentBuilder: services => new CnnDocumentBuilder(services)
    }
};

/**
 * The language server's services: Langium's defaults, the generated parser, and this module.
 * Any LSP client gets the same features; the VS Code extension is one of them.
 */
export function createCnnServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Cnn: CnnServices } {
    const shared = inject(createDefaultSharedModule(context), CnnGeneratedSharedModule, CnnSharedModule);
    const Cnn = inject(createDefaultModule({ shared }), CnnGeneratedModule, CnnCoreModule, CnnModule);
    shared.ServiceRegistry.register(Cnn);
    // Created now so it hears the first document update.
    void Cnn.analysis.DocumentAnalyzer;
    collectAfterBuilds(shared.workspace.DocumentBuilder);
    return { shared, Cnn };
}
