import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What `npm run package` puts in the .vsix (`vsce ls`), and what package.json contributes. */
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

function examples(dir = 'examples'): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? examples(join(dir, e.name)) : e.name.endsWith('.cnn') ? [join(dir, e.name)] : []);
}

describe('the .vsix', () => {
    it('holds the bundles, the examples, the grammar, icons, README and LICENSE, nothing else', () => {
        const result = spawnSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        const files = result.stdout.split('\n').map(l => l.trim()).filter(l => l.length > 0);
        expect(files.filter(f => !f.startsWith('examples/')).sort()).toEqual([
            'LICENSE', 'README.md', 'docs/images/chart-beside-editor.png', 'docs/images/hover.png',
            'images/cnn-file-dark.svg', 'images/cnn-file-light.svg', 'images/icon.png', 'language-configuration.json',
            'out/client/compile-tfjs.cjs', 'out/client/extension.cjs', 'out/compiler/cnn-layers.js', 'out/server/main.cjs', 'out/webview/chart.css', 'out/webview/chart.js',
            // The Run tab's TensorFlow.js bundle and the wasm backend's files.
            'out/webview/run.js', 'out/webview/tfjs-backend-wasm-simd.wasm', 'out/webview/tfjs-backend-wasm-threaded-simd.wasm', 'out/webview/tfjs-backend-wasm.wasm',
            'package.json', 'syntaxes/cnn.tmLanguage.json'
        ]);
        expect(files.filter(f => f.startsWith('examples/')).sort()).toEqual(examples().sort());
    }, 60_000);

    it('contributes the commands, their menus and the settings', () => {
        expect(manifest.main).toBe('./out/client/extension.cjs');
        expect(manifest.activationEvents).toEqual(['onLanguage:cnn']);
        const { commands, menus, configuration, languages } = manifest.contributes;
        expect(commands.map((c: { command: string; category: string; title: string }) => `${c.command}: ${c.category}: ${c.title}`)).toEqual([
            'cnn.showChart: CNN: Show Cost Chart', 'cnn.compareNetworks: CNN: Compare Networks', 'cnn.exportCostTable: CNN: Export Cost Table',
            'cnn.compile: CNN: Compile to TensorFlow.js'
        ]);
        expect(menus['editor/title'].map((m: { command: string; when: string }) => `${m.command} ${m.when}`)).toEqual([
            'cnn.showChart resourceLangId == cnn', 'cnn.compareNetworks resourceLangId == cnn', 'cnn.exportCostTable resourceLangId == cnn',
            'cnn.compile resourceLangId == cnn && isWorkspaceTrusted'
        ]);
        // Compiling writes files: trusted workspaces only.
        expect(menus.commandPalette.map((m: { command: string; when: string }) => `${m.command} ${m.when}`)).toEqual([
            'cnn.showChart editorLangId == cnn', 'cnn.compareNetworks editorLangId == cnn', 'cnn.exportCostTable editorLangId == cnn',
            'cnn.compile editorLangId == cnn && isWorkspaceTrusted'
        ]);
        const defaults = Object.fromEntries(Object.entries(configuration.properties as Record<string, { default: unknown }>).map(([k, v]) => [k, v.default]));
        expect(defaults).toEqual({
            'cnn.bytesPerElement': 4, 'cnn.batch': 1, 'cnn.computeUnit': 'macs', 'cnn.inputSize': '', 'cnn.inlayHints.mode': 'shapes',
            'cnn.hints.inexact': true, 'cnn.inlayHints.shapes': true, 'cnn.inlayHints.costs': false
        });
        expect(new RegExp(configuration.properties['cnn.inputSize'].pattern).test('3x299x299')).toBe(true);
        expect(new RegExp(configuration.properties['cnn.inputSize'].pattern).test('3x299')).toBe(false);
        expect(languages[0].icon).toEqual({ light: './images/cnn-file-light.svg', dark: './images/cnn-file-dark.svg' });
    });

    it('indents after an opening brace and closes brackets', () => {
        const config = JSON.parse(readFileSync('language-configuration.json', 'utf8'));
        const increase = new RegExp(config.indentationRules.increaseIndentPattern);
        expect(increase.test('network N {')).toBe(true);
        expect(increase.test('    residual {')).toBe(true);
        expect(increase.test('    stage a { conv 8 3x3 }')).toBe(false);
        expect(new RegExp(config.indentationRules.decreaseIndentPattern).test('    }')).toBe(true);
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(['{', '(', '"', '/*']);
    });
});
