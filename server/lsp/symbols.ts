import { AstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { Location, Position, Range } from 'vscode-languageserver';
import { nodeRange, propertyRange } from '../../language/analysis/ranges.js';
import { BlockScopes, resolveImport } from '../../language/analysis/sources.js';
import {
    isArg, isBlock, isCall, isImport, isNameRef, isOpParam, isParam, type Block, type Call, type Param
} from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import { resolveName } from '../../language/analysis/visible-names.js';
import type { CnnDocumentAnalyzer } from '../document-analyzer.js';
import { leafAt } from './node-at.js';

/** What a name in the text stands for: the things go-to-definition, references and rename know. */
export type SymbolTarget =
    | { kind: 'block'; block: Block }
    | { kind: 'param'; param: Param }
    | { kind: 'label'; statement: AstNode & { label: string } }
    | { kind: 'import'; uri: string };

export interface Occurrence { uri: string; range: Range }

/**
 * Resolves names the way the analysis does (a call's block through the file's imports, a name
 * in an expression to the enclosing block's parameter) and finds every occurrence in the workspace.
 */
export class CnnSymbols {
    private readonly documents: LangiumDocuments;
    private readonly analyzer: CnnDocumentAnalyzer;

    constructor(services: CnnServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.analyzer = services.analysis.DocumentAnalyzer;
    }

    /** The symbol under the cursor and the range of the word that names it there. */
    targetAt(document: LangiumDocument, position: Position): { target: SymbolTarget; range: Range } | undefined {
        const leaf = leafAt(document, position);
        if (!leaf) return undefined;
        const node = leaf.astNode;
        const on = (property: string) => isLeafOf(leaf, node, property);
        if (isCall(node) && on('block')) {
            const block = this.resolveCall(node);
            return block ? { target: { kind: 'block', block }, range: leaf.range } : undefined;
        }
        if (isBlock(node) && on('name')) return { target: { kind: 'block', block: node }, range: leaf.range };
        if (isParam(node) && on('name')) return { target: { kind: 'param', param: node }, range: leaf.range };
        if (isNameRef(node)) {
            const param = resolveName(node, node.name);
            return param ? { target: { kind: 'param', param }, range: leaf.range } : undefined;
        }
        // A word alone runs its parameter's operator (LANGUAGE.md §8.3): it names the parameter.
        if (isOpParam(node) && on('name')) {
            const param = resolveName(node, node.name);
            return param ? { target: { kind: 'param', param }, range: leaf.range } : undefined;
        }
        if (isArg(node) && on('name') && node.name !== undefined) {
            const param = this.resolveCall(node.$container)?.params.find(p => p.name === node.name);
            return param ? { target: { kind: 'param', param }, range: leaf.range } : undefined;
        }
        if (isImport(node) && on('path') && node.path !== undefined) {
            return { target: { kind: 'import', uri: resolveImport(document.uri.toString(), node.path) }, range: leaf.range };
        }
        const label = (node as { label?: string }).label;
        if (label !== undefined && on('label')) return { target: { kind: 'label', statement: node as AstNode & { label: string } }, range: leaf.range };
        return undefined;
    }

    definition(target: SymbolTarget): Location | undefined {
        switch (target.kind) {
            case 'block': return location(target.block, propertyRange(target.block, 'name'));
            case 'param': return location(target.param, propertyRange(target.param, 'name'));
            case 'label': return location(target.statement, propertyRange(target.statement, 'label'));
            case 'import': return this.analyzer.lookup(target.uri) ? { uri: target.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
        }
    }

    /** Every place the symbol is named, declaration first when asked for. */
    occurrences(target: SymbolTarget, includeDeclaration: boolean): Occurrence[] {
        const found: Occurrence[] = [];
        const declaration = this.definition(target);
        if (includeDeclaration && declaration && target.kind !== 'import') found.push(declaration);
        if (target.kind === 'label') return found;
        const scopes = this.scopes();
        for (const document of this.documents.all) {
            const uri = document.uri.toString();
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                if (target.kind === 'block' && isCall(node) && node.block === target.block.name && this.resolveCall(node, scopes) === target.block) {
                    found.push({ uri, range: propertyRange(node, 'block') });
                } else if (target.kind === 'param' && isNameRef(node) && node.name === target.param.name && resolveName(node, node.name) === target.param) {
                    found.push({ uri, range: nodeRange(node) });
                } else if (target.kind === 'param' && isOpParam(node) && node.name === target.param.name && resolveName(node, node.name) === target.param) {
                    found.push({ uri, range: propertyRange(node, 'name') });
                } else if (target.kind === 'param' && isArg(node) && node.name === target.param.name
                    && this.resolveCall(node.$container, scopes) === target.param.$container) {
                    found.push({ uri, range: propertyRange(node, 'name') });
                } else if (target.kind === 'import' && isImport(node) && node.path !== undefined && resolveImport(uri, node.path) === target.uri) {
                    found.push({ uri, range: propertyRange(node, 'path') });
                }
            }
        }
        return found;
    }

    /** The block a call runs, resolved through its file's own blocks and imports. */
    resolveCall(call: Call, scopes = this.scopes()): Block | undefined {
        return scopes.of(AstUtils.getDocument(call).uri.toString()).get(call.block);
    }

    /** The blocks visible in a document, by name. */
    blocksVisibleIn(document: LangiumDocument): Map<string, Block> {
        return this.scopes().of(document.uri.toString());
    }

    /** Block scopes over the workspace as it is now; one per request, as files change between requests. */
    private scopes(): BlockScopes {
        return new BlockScopes(this.analyzer.lookup);
    }
}

function isLeafOf(leaf: CstNode, node: AstNode, property: string): boolean {
    return GrammarUtils.findNodesForProperty(node.$cstNode, property).some(n => n.offset <= leaf.offset && leaf.end <= n.end);
}

function location(node: AstNode, range: Range): Location {
    return { uri: AstUtils.getDocument(node).uri.toString(), range };
}
