// The validators both sides run on every message: real messages pass unchanged, anything else is null.
import { describe, expect, it } from 'vitest';
import { parseHostMessage, parseJsonReport, parseWebviewMessage } from '../../client/webview-protocol.js';
import { analysisMessage, jsonReport } from './reports.js';

const report = jsonReport('examples/resnet50.cnn');
const good = analysisMessage(report, { network: 'ResNet50', version: 7 });
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('parseHostMessage', () => {
    it('passes a real analysis unchanged and as a fresh object', () => {
        const parsed = parseHostMessage(clone(good));
        expect(parsed).toEqual(good);
        expect(parsed).not.toBe(good);
        expect(parseJsonReport(clone(report))).toEqual(report);
    });

    it('passes every other host message', () => {
        expect(parseHostMessage({ type: 'cursor', line: 12 })).toEqual({ type: 'cursor', line: 12 });
        expect(parseHostMessage({ type: 'showTab', tab: 'compare' })).toEqual({ type: 'showTab', tab: 'compare' });
        expect(parseHostMessage({ type: 'queryDrawn', requestId: 3 })).toEqual({ type: 'queryDrawn', requestId: 3 });
        const entry = { file: 'a.cnn', uri: 'file:///a.cnn', name: 'A', params: 10, macs: 20, memoryBytes: 30, top1: 70.1, source: null, current: true };
        expect(parseHostMessage({ type: 'compare', entries: [entry] })).toEqual({ type: 'compare', entries: [entry] });
    });

    it('drops fields it does not know, so nothing unexpected reaches the page', () => {
        const extra = clone(good) as unknown as Record<string, any>;
        extra.html = '<img src=x onerror=alert(1)>';
        extra.report.networks[0].layers[0].onclick = 'alert(1)';
        extra.report.networks[0].evil = { nested: true };
        expect(parseHostMessage(extra)).toEqual(good);
        const proto = JSON.parse('{"type":"cursor","line":3,"__proto__":{"polluted":true}}');
        const parsed = parseHostMessage(proto) as unknown as Record<string, unknown>;
        expect(parsed).toEqual({ type: 'cursor', line: 3 });
        expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('accepts a report without the live memory fields (made before §8.9)', () => {
        const old = clone(report) as unknown as Record<string, any>;
        for (const network of old.networks) {
            delete network.totals.peakMemoryBytes;
            for (const layer of network.layers) delete layer.liveBytes;
        }
        expect(parseJsonReport(old)).toEqual(old);
    });

    const broken: Array<[string, (m: Record<string, any>) => void]> = [
        ['an unknown type', m => { m.type = 'eval'; }],
        ['a layer name that is not a string', m => { m.report.networks[0].layers[3].name = { toString: 1 }; }],
        ['a count that is negative', m => { m.report.networks[0].layers[0].params = -1; }],
        ['a count that is fractional', m => { m.report.networks[0].layers[0].macs = 1.5; }],
        ['a count string with a sign', m => { m.report.networks[0].layers[0].macs = '-5'; }],
        ['a line that is not a number', m => { m.report.networks[0].layers[0].line = '12'; }],
        ['layers that are not an array', m => { m.report.networks[0].layers = { length: 1 }; }],
        ['a shape with a string', m => { m.report.networks[0].layers[0].output = [64, '56', 56]; }],
        ['a missing total', m => { delete m.report.networks[0].totals.macs; }],
        ['a live memory that is not a count', m => { m.report.networks[0].layers[0].liveBytes = 'lots'; }],
        ['a stage without a name', m => { delete m.report.networks[0].stages[0].name; }],
        ['a stage path that is not a string', m => { m.report.networks[0].stages[0].path = ['stem']; }],
        ['a row file that is not a string', m => { m.report.networks[0].layers[0].file = { uri: 'x' }; }],
        ['a diagnostic without a message', m => { m.report.diagnostics = [{ severity: 'error', code: 'x', line: 1, column: 1, endLine: 1, endColumn: 2 }]; }],
        ['an unknown unit', m => { m.settings.unit = 'ops'; }],
        ['a zero batch', m => { m.settings.batch = 0; }],
        ['a network that is a number', m => { m.network = 3; }],
        ['no report', m => { delete m.report; }]
    ];
    for (const [what, spoil] of broken) {
        it(`refuses an analysis with ${what}`, () => {
            const message = clone(good) as unknown as Record<string, any>;
            spoil(message);
            expect(parseHostMessage(message)).toBeNull();
        });
    }

    it('refuses what is not a message at all', () => {
        for (const value of [null, undefined, 42, 'analysis', [], [good], () => good, { type: 'cursor', line: -1 }, { type: 'cursor', line: Infinity },
            { type: 'showTab', tab: 'settings' }, { type: 'queryDrawn', requestId: 1.5 }, { type: 'compare', entries: [{ name: 'x' }] },
            { type: 'compare', entries: [{ file: 'a', uri: 'u', name: 'A', params: NaN, macs: 1, memoryBytes: 1, top1: null, source: null, current: false }] }]) {
            expect(parseHostMessage(value)).toBeNull();
        }
    });
});

describe('parseWebviewMessage', () => {
    it('passes what the page sends', () => {
        expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
        expect(parseWebviewMessage({ type: 'reveal', line: 16, column: 5, extra: 1 })).toEqual({ type: 'reveal', line: 16, column: 5 });
        expect(parseWebviewMessage({ type: 'reveal', line: 26, column: 9, file: 'examples/blocks/resnet.cnn' })).toEqual({ type: 'reveal', line: 26, column: 9, file: 'examples/blocks/resnet.cnn' });
        expect(parseWebviewMessage({ type: 'openFile', uri: 'file:///x/alexnet.cnn' })).toEqual({ type: 'openFile', uri: 'file:///x/alexnet.cnn' });
        expect(parseWebviewMessage({ type: 'tabShown', tab: 'compare' })).toEqual({ type: 'tabShown', tab: 'compare' });
        const save = { type: 'save', format: 'png', fileName: 'alexnet-AlexNet-layer.png', encoding: 'base64', data: 'iVBORw0KGgo=' };
        expect(parseWebviewMessage(save)).toEqual(save);
        const csv = { type: 'save', format: 'csv', fileName: 'a.csv', encoding: 'utf8', data: 'name\r\n' };
        expect(parseWebviewMessage(csv)).toEqual(csv);
        const drawn = { type: 'drawn', requestId: 1, tab: 'layers', network: 'AlexNet', aggregation: 'layer', scale: 'log', bars: 1, memory: [1], params: [2], compute: [3], labels: ['conv1'], banner: null, bubbles: 0 };
        expect(parseWebviewMessage({ ...drawn, extra: { kind: 'dark' } })).toEqual(drawn);
        const theme = { kind: 'dark', foreground: '#ccc', background: '#1f1f1f', stageColors: ['#3794ff'] };
        expect(parseWebviewMessage({ ...drawn, theme, highlighted: [0] })).toEqual({ ...drawn, theme, highlighted: [0] });
        expect(parseWebviewMessage({ ...drawn, theme: { ...theme, kind: 'neon' } })).toBeNull();
        expect(parseWebviewMessage({ ...drawn, highlighted: [-1] })).toBeNull();
    });

    it('refuses malformed or dangerous ones', () => {
        const save = { type: 'save', format: 'svg', fileName: 'a.svg', encoding: 'utf8', data: '<svg/>' };
        for (const value of [
            { type: 'reveal', line: 0, column: 1 }, { type: 'reveal', line: 2 }, { type: 'reveal', line: 2, column: 1, file: 7 }, { type: 'reveal', line: 2, column: 1, file: '' }, { type: 'openFile', uri: '' }, { type: 'openFile', uri: 5 },
            { ...save, fileName: '../../.bashrc' }, { ...save, fileName: 'a\\b.svg' }, { ...save, fileName: '' }, { ...save, fileName: '..' },
            { ...save, format: 'exe' }, { ...save, encoding: 'base64' }, { ...save, format: 'png', encoding: 'base64', data: 'not base64!' },
            { type: 'drawn', requestId: 1 }, { type: 'nope' }, { type: 'tabShown', tab: 'settings' }, null, 'ready'
        ]) {
            expect(parseWebviewMessage(value)).toBeNull();
        }
    });
});
