/**
 * Hovers for clients that declare only plain text (`hover.contentFormat: ['plaintext']`): the
 * same content as the markdown, written as a person would type it. Tables become aligned
 * columns (header first, no `| --- |` row), emphasis and code marks go, escapes and entities
 * become their characters, and a code fence keeps only its code.
 */
export function plainText(markdown: string): string {
    const lines = markdown.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length;) {
        if (isTableLine(lines[i])) {
            const rows: string[][] = [];
            for (; i < lines.length && isTableLine(lines[i]); i++) {
                const cells = tableCells(lines[i]);
                if (!cells.every(cell => /^:?-+:?$/.test(cell))) rows.push(cells.map(inline));
            }
            out.push(...aligned(rows));
            continue;
        }
        const line = lines[i++];
        if (!line.startsWith('```')) out.push(inline(line));
    }
    return out.join('\n');
}

function isTableLine(line: string): boolean {
    return line.startsWith('|') && line.trimEnd().endsWith('|');
}

/** The cells of `| a | b \| c |`: split at the bars that are not escaped. */
function tableCells(line: string): string[] {
    const inner = line.trim().slice(1, -1);
    return inner.split(/(?<!\\)\|/).map(cell => cell.trim());
}

/** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
function aligned(rows: string[][]): string[] {
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, k) => { widths[k] = Math.max(widths[k] ?? 0, cell.length); });
    return rows.map(row => row.map((cell, k) => k === row.length - 1 ? cell : cell.padEnd(widths[k])).join('  ').trimEnd());
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** `**bold**`, `` `code` ``, `\*` and `&lt;` as the characters they stand for. */
function inline(text: string): string {
    return text.replace(/\\(.)|\*\*|`|&lt;|&gt;|&amp;/g, (match, escaped: string | undefined) => escaped ?? ENTITIES[match] ?? '');
}
