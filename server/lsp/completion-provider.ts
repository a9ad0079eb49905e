import { AstUtils, CstUtils, GrammarAST, GrammarUtils, URI, UriUtils, type FileSystemProvider, type LangiumDocument, type TextDocument } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { findUnreadable } from '../../language/nesting-guard.js';
import { visibleParameters } from '../../language/analysis/visible-names.js';
import { FUNCTIONS, OPERATOR_VALUES } from '../../language/analysis/expressions.js';
import { isBlock } from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import { blockSignature } from './block-signature.js';
import { boundedFeatures } from './completion-text.js';
import { openCallBefore } from './signature-help-provider.js';
import type { CnnSymbols } from './symbols.js';

const MAX_IMPORT_DEPTH = 3;
const MAX_IMPORT_FILES = 200;

/**
 * Langium completes the keywords the grammar allows at the cursor: operators at the start of a
 * statement, the options of the op being written. This adds block names (with a snippet for
 * their parameters), parameters and `C H W` inside expressions, argument names, and import paths.
 */
export class CnnCompletionProvider extends DefaultCompletionProvider {
    private readonly symbols: CnnSymbols;
    private readonly files: FileSystemProvider;

    constructor(services: CnnServices) {
        super(services);
        this.symbols = services.references.Symbols;
        this.files = services.shared.workspace.FileSystemProvider;
    }

    /** The completion parser recurses like the main one: no completion inside too-deep brackets. */
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const before = document.textDocument.getText({ start: { line: 0, character: 0 }, end: params.position });
        return findUnreadable(before).length > 0 ? undefined : super.getCompletion(document, params);
    }

    /**
     * The grammar lets most keywords also be names; as completions those are noise ("stride" as a
     * label), and Langium keeps one feature per keyword, so they would hide the real keyword.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const before = document.getText({ start: { line: 0, character: 0 }, end: document.positionAt(offset) });
        return boundedFeatures(this.completionParser, this.grammar, rule => this.buildSyntheticEntryRuleCall(rule), before).filter(next => !(GrammarAST.isKeyword(next.feature) && inNameRule(next.feature)));
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): Promise<void> | void {
        if (!inNameRule(next.feature)) {
            if (next.property === 'path') return this.completeImports(context, acceptor);
            return super.completionFor(context, next, acceptor);
        }
        // A name is expected: which one depends on where the cursor is.
        if (next.property === 'label' || next.property === 'block') return this.completeBlocks(context, acceptor);
        if (next.property === 'name' && expectsExpression(context)) {
            this.completeNames(context, acceptor);
            const call = openCallBefore(context.textDocument.getText(), context.offset);
            if (call && this.symbols.blocksVisibleIn(context.document).has(call.name)) {
                this.completeArgumentNames(context, call, acceptor);
                // An argument may be an operator (LANGUAGE.md §8.3: `Bneck(16, act = hardswish)`).
                for (const op of OPERATOR_VALUES) {
                    acceptor(context, { label: op, kind: CompletionItemKind.Operator, detail: 'an operator as the argument', sortText: `3${op}` });
                }
            }
        }
    }

    private completeBlocks(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const [name, block] of this.symbols.blocksVisibleIn(context.document)) {
            const required = block.params.filter(p => p.default === undefined);
            const placeholders = required.map((p, i) => `\${${i + 1}:${p.name ?? 'value'}}`).join(', ');
            acceptor(context, {
                label: name,
                kind: CompletionItemKind.Function,
                detail: blockSignature(block).label,
                insertText: `${name}(${placeholders})`,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: `1${name}`
            });
        }
    }

    private completeNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const node = nodeBefore(context);
        const block = node && AstUtils.getContainerOfType(node, isBlock);
        if (block) {
            for (const param of visibleParameters(node).filter(p => p.name !== undefined)) {
                acceptor(context, { label: param.name, kind: CompletionItemKind.Variable, detail: `parameter of ${block.name}`, sortText: `0${param.name}` });
            }
        }
        const where = block ? 'this call' : 'the network';
        for (const [name, meaning] of [['C', 'channels'], ['H', 'height'], ['W', 'width']]) {
            acceptor(context, { label: name, kind: CompletionItemKind.Constant, detail: `${meaning} of ${where}'s input`, sortText: `1${name}` });
        }
        // The functions of expressions (LANGUAGE.md §8.1), with a snippet for their arguments.
        for (const [name, spec] of Object.entries(FUNCTIONS)) {
            acceptor(context, {
                label: name, kind: CompletionItemKind.Function, detail: spec.signature, sortText: `2${name}`,
                insertText: `${name}($1)`, insertTextFormat: InsertTextFormat.Snippet
            });
        }
    }

    private completeArgumentNames(context: CompletionContext, call: { name: string; args: string[] }, acceptor: CompletionAcceptor): void {
        const block = this.symbols.blocksVisibleIn(context.document).get(call.name);
        if (!block) return;
        const given = new Set(call.args.map(arg => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(arg)?.[1]));
        for (const param of block.params.filter(p => p.name !== undefined && !given.has(p.name))) {
            acceptor(context, { label: `${param.name} =`, insertText: `${param.name} = `, kind: CompletionItemKind.Property, detail: `parameter of ${block.name}` });
        }
    }

    private async completeImports(context: CompletionContext, acceptor: CompletionAcceptor): Promise<void> {
        const self = context.document.uri;
        const folder = UriUtils.dirname(self);
        const found: string[] = [];
        await this.collectCnnFiles(folder, '', 0, found, self.toString());
        for (const path of found) {
            acceptor(context, { label: `"${path}"`, kind: CompletionItemKind.File, detail: 'import its blocks' });
        }
    }

    private async collectCnnFiles(folder: URI, prefix: string, depth: number, found: string[], self: string): Promise<void> {
        if (depth > MAX_IMPORT_DEPTH || found.length >= MAX_IMPORT_FILES) return;
        let entries;
        try {
            entries = await this.files.readDirectory(folder);
        } catch {
            return;
        }
        for (const entry of entries.sort((a, b) => a.uri.path.localeCompare(b.uri.path))) {
            const name = UriUtils.basename(entry.uri);
            if (entry.isDirectory && !name.startsWith('.') && name !== 'node_modules') {
                await this.collectCnnFiles(entry.uri, `${prefix}${name}/`, depth + 1, found, self);
            } else if (entry.isFile && name.endsWith('.cnn') && entry.uri.toString() !== self) {
                found.push(`${prefix}${name}`);
            }
        }
    }
}

function inNameRule(element: GrammarAST.AbstractElement): boolean {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name === 'Name';
}

/** Words after which a name is being declared, not used. */
const DECLARING = new Set(['stage', 'tap', 'branch', 'network', 'block']);

/** Whether the name at the cursor is used in an expression (not declared as a stage, parameter, …). */
function expectsExpression(context: CompletionContext): boolean {
    const before = nodeBefore(context);
    const root = (context.document as LangiumDocument).parseResult.value.$cstNode;
    const leaf = root ? CstUtils.findLeafNodeBeforeOffset(root, context.offset) : undefined;
    if (leaf && DECLARING.has(leaf.text)) return false;
    const block = before && AstUtils.getContainerOfType(before, isBlock);
    const header = block?.$cstNode && GrammarUtils.findNodeForKeyword(block.$cstNode, '{');
    return !(block && header && context.offset <= header.offset);
}

/** The syntax node just before the cursor (the parse around the cursor may be incomplete). */
function nodeBefore(context: CompletionContext) {
    const root = (context.document as LangiumDocument).parseResult.value.$cstNode;
    return root ? CstUtils.findLeafNodeBeforeOffset(root, context.offset)?.astNode : undefined;
}
