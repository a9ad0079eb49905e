import type { CstNode, ParseResult } from 'langium';

/**
 * The `}` a file cut short still owes (LANGUAGE.md §8.11: a body left open at the end of the file
 * ends there). Chevrotain's own recovery inserts one missing token at a time, and its lookahead
 * gives up on an unfinished `} shortcut { co`: it then reads `shortcut` as a new statement and the
 * whole residual, body included, was lost while the user typed. Parsing the text with the braces
 * it owes appended (after a line break, so a trailing `// comment` cannot swallow them) gives the
 * tree the user means; the appended tokens are then taken out of it again, so every node ends
 * where its own text ends and nothing in the tree lies beyond the document.
 */
export function closingBraces(count: number): string {
    return count > 0 ? `\n${'}'.repeat(count)}` : '';
}

interface MutableComposite { content: CstNode[]; _rangeCache?: unknown; _text?: string }

/** Removes the tokens at or after `length` from the tree (the appended braces) and restores the document's text. */
export function withoutAppendedText(result: ParseResult, text: string): ParseResult {
    const root = result.value.$cstNode as unknown as MutableComposite | undefined;
    if (!root) return result;
    trim(root, text.length);
    root._text = text;
    return result;
}

function trim(node: MutableComposite, length: number): void {
    node._rangeCache = undefined;
    node.content = node.content.filter(child => {
        if (!('content' in child)) return child.offset < length;
        const composite = child as unknown as MutableComposite;
        trim(composite, length);
        return composite.content.length > 0;
    });
}
