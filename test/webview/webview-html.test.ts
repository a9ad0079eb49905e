// The page HTML: the CSP both hosts get, and text that cannot break out of where it is put.
import { describe, expect, it } from 'vitest';
import { chartHtml, escapeHtml, scriptJson } from '../../client/webview-html.js';

const nonce = 'abcdefghijklmnop0123==';

describe('chartHtml', () => {
    it('gives the editor panel a strict CSP and loads the bundle by URI under the nonce', () => {
        const html = chartHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scriptUri: 'https://x/chart.js?a=1&b="2"', styleUri: 'https://x/chart.css' });
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src &#39;nonce-${nonce}&#39;">`);
        expect(html).toContain(`<script nonce="${nonce}" src="https://x/chart.js?a=1&amp;b=&quot;2&quot;"></script>`);
        expect(html).toContain('<link rel="stylesheet" href="https://x/chart.css">');
        expect(html).not.toMatch(/ on[a-z]+=/);
        expect(html).not.toContain('style=');
    });

    it('inlines the bundle for cnn report under a nonce and embeds the messages as inert JSON', () => {
        const label = '</script><script>alert(1)</script><!--';
        const html = chartHtml({ nonce, script: 'var a = "</script>";', style: 'body{}</style><b>', title: 'a <b> & "c"', messages: [{ type: 'cursor', line: 1, label } as never] });
        expect(html).toContain(`content="default-src &#39;none&#39;; img-src data:; style-src &#39;nonce-${nonce}&#39;; script-src &#39;nonce-${nonce}&#39;"`);
        expect(html).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>');
        expect(html).toContain(`<script nonce="${nonce}">var a = "<\\/script>";</script>`);
        expect(html).toContain(`<style nonce="${nonce}">body{}<\\/style><b></style>`);
        // Exactly the three elements the page is made of: the JSON and the bundle.
        expect(html.match(/<script/g)).toHaveLength(2);
        const json = /<script type="application\/json" id="cnn-initial-messages">(.*?)<\/script>/s.exec(html)![1]!;
        expect(json).not.toContain('<');
        expect(JSON.parse(json)).toEqual([{ type: 'cursor', line: 1, label }]);
    });

    it('takes code-server\'s source list with a quoted keyword', () => {
        const html = chartHtml({ cspSource: "'self' https://*.vscode-cdn.net", nonce, scriptUri: 's', styleUri: 'c' });
        expect(html).toContain(`content="default-src &#39;none&#39;; img-src &#39;self&#39; https://*.vscode-cdn.net data:; style-src &#39;self&#39; https://*.vscode-cdn.net; script-src &#39;nonce-${nonce}&#39;"`);
    });

    it('refuses a nonce or source that would change the policy', () => {
        expect(() => chartHtml({ cspSource: 'x', nonce: "a' 'unsafe-inline", scriptUri: '', styleUri: '' })).toThrow('nonce');
        expect(() => chartHtml({ cspSource: "https://x; script-src 'unsafe-eval'", nonce, scriptUri: '', styleUri: '' })).toThrow('cspSource');
    });

    it('escapes for HTML and for script JSON', () => {
        expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
        expect(scriptJson({ a: '</script>\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
    });
});
