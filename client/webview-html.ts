/**
 * The chart page's HTML, for the extension's webview panel and for `cnn report`. Pure: no vscode
 * import, no file access.
 *
 *   chartHtml(options: WebviewHtmlOptions | ReportHtmlOptions): string
 *
 * - In the editor: `chartHtml({ cspSource, nonce, scriptUri, styleUri })` with the webview's
 *   `cspSource`, a fresh nonce and the `asWebviewUri` URIs of out/webview/chart.js and chart.css.
 *   CSP: default-src 'none'; img-src <cspSource> data:; style-src <cspSource>; script-src 'nonce-…'.
 * - Standalone (`cnn report`): `chartHtml({ nonce, script, style, messages, title })` with the
 *   bundle's and style sheet's text inlined under the same nonce, and the host messages the page
 *   starts from embedded as JSON in <script type="application/json" id="cnn-initial-messages">.
 *   CSP: default-src 'none'; img-src data:; style-src 'nonce-…'; script-src 'nonce-…' — so the page
 *   reaches nothing outside itself.
 */
import type { HostMessage } from './webview-protocol.js';

export interface WebviewHtmlOptions {
    /** `webview.cspSource`. */
    cspSource: string;
    nonce: string;
    scriptUri: string;
    styleUri: string;
    /**
     * The Run tab may start TensorFlow.js's wasm backend: adds 'wasm-unsafe-eval' to script-src
     * and lets the page fetch the .wasm files from `cspSource` (connect-src). Off: the CSP above.
     */
    wasm?: boolean;
}

export interface ReportHtmlOptions {
    nonce: string;
    /** The text of out/webview/chart.js and out/webview/chart.css. */
    script: string;
    style: string;
    /** Received by the page as if the host had posted them, after the same validation. */
    messages: HostMessage[];
    /** The document title (escaped). */
    title: string;
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON that is safe inside a <script> element: no `<` (so no `</script>` or `<!--`), `>` or `&`
 * survives as such, and the two line separators JavaScript once rejected are escaped too.
 */
export function scriptJson(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

/** A nonce is used verbatim in the CSP and in attributes: base64 or hex characters only. */
function checkNonce(nonce: string): string {
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('chartHtml: the nonce must be at least 16 base64 characters');
    return nonce;
}

export function chartHtml(options: WebviewHtmlOptions | ReportHtmlOptions): string {
    const nonce = checkNonce(options.nonce);
    if ('script' in options) {
        const csp = `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
        return page(csp, escapeHtml(options.title),
            `<style nonce="${nonce}">${options.style.replace(/<\/style/gi, '<\\/style')}</style>`,
            `<script type="application/json" id="cnn-initial-messages">${scriptJson(options.messages)}</script>\n` +
            `<script nonce="${nonce}">${options.script.replace(/<\/script/gi, '<\\/script')}</script>`);
    }
    const source = options.cspSource;
    // A source list: code-server (VS Code for the web) gives `'self' https://*.vscode-cdn.net`, so
    // quoted keywords are allowed; only what could end the directive or the attribute is refused.
    if (/[;"\r\n]/.test(source)) throw new Error('chartHtml: cspSource must be a source list');
    const csp = options.wasm
        ? `default-src 'none'; img-src ${source} data:; style-src ${source}; script-src 'nonce-${nonce}' 'wasm-unsafe-eval'; connect-src ${source}`
        : `default-src 'none'; img-src ${source} data:; style-src ${source}; script-src 'nonce-${nonce}'`;
    return page(csp, 'CNN cost chart',
        `<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">`,
        `<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>`);
}

function page(csp: string, title: string, head: string, body: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
