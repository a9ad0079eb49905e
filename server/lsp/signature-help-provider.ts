import type { LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import type { Block } from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import { blockSignature } from './block-signature.js';
import type { CnnSymbols } from './symbols.js';

/**
 * Signature help for block calls. It reads the text around the cursor rather than the syntax
 * tree, because a call being typed (`Bottleneck(64, `) does not parse yet.
 */
export class CnnSignatureHelpProvider implements SignatureHelpProvider {
    private readonly symbols: CnnSymbols;

    constructor(services: CnnServices) {
        this.symbols = services.references.Symbols;
    }

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: ['='] };
    }

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const text = document.textDocument.getText();
        const call = openCallBefore(text, document.textDocument.offsetAt(params.position));
        const block = call && this.symbols.blocksVisibleIn(document).get(call.name);
        if (!call || !block) return undefined;
        const { label, parameters } = blockSignature(block);
        return {
            signatures: [{ label, parameters: parameters.map(range => ({ label: range })) }],
            activeSignature: 0,
            activeParameter: activeParameter(block, call.args)
        };
    }
}

/** The innermost unclosed `name(` before the offset, within the current statement, and its arguments so far. */
export function openCallBefore(text: string, offset: number): { name: string; args: string[] } | undefined {
    let depth = 0;
    for (let i = offset - 1; i >= 0; i--) {
        const ch = text[i];
        if (ch === '{' || ch === '}') return undefined;
        if (ch === ')') depth++;
        else if (ch === '(') {
            if (depth > 0) {
                depth--;
                continue;
            }
            const name = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(Math.max(0, i - 200), i))?.[1];
            return name ? { name, args: splitTopLevel(text.slice(i + 1, offset)) } : undefined;
        }
    }
    return undefined;
}

function splitTopLevel(args: string): string[] {
    const parts = [''];
    let depth = 0;
    for (const ch of args) {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (ch === ',' && depth === 0) parts.push('');
        else parts[parts.length - 1] += ch;
    }
    return parts;
}

function activeParameter(block: Block, args: string[]): number {
    const current = args[args.length - 1];
    const named = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(current)?.[1];
    if (named !== undefined) {
        const index = block.params.findIndex(p => p.name === named);
        if (index >= 0) return index;
    }
    return Math.min(args.length - 1, Math.max(0, block.params.length - 1));
}
