// The bars the chart draws, from real analyses, against the lecture's figures
// (/work/shared/reference/REFERENCE-NUMBERS.md) and the analysis's own stage subtotals.
import { describe, expect, it } from 'vitest';
import type { ChartLayer } from '../../client/webview-protocol.js';
import { barColours, binaryLogTicks, buildBars, byteStep, stageIndex } from '../../client/webview/model.js';
import { barsCsv } from '../../client/webview/export-csv.js';
import { barsSvg } from '../../client/webview/export-svg.js';
import { bytesShort, bytesTick, countShort, grouped, logTick } from '../../client/webview/format.js';
import { ALEXNET_BARS } from './alexnet-bars.js';
import { jsonReport } from './reports.js';

const alexnet = jsonReport('examples/alexnet.cnn').networks[0]!;
const resnet50 = jsonReport('examples/resnet50.cnn').networks[0]!;


describe('chart bars', () => {
    it('are the lecture AlexNet table: 11 conv/pool/fc bars (relu and flatten cost nothing)', () => {
        const bars = buildBars(alexnet, 'layer', 'macs');
        expect(bars.map(b => [b.label, Number(b.memory), Number(b.params), Number(b.compute)])).toEqual(ALEXNET_BARS);
        expect(bars.map(b => b.line)).toEqual([13, 15, 16, 18, 19, 20, 21, 22, 24, 25, 26]);
        expect(bars.reduce((sum, b) => sum + b.params, 0n)).toBe(61_100_840n);
        expect(bars.reduce((sum, b) => sum + b.compute, 0n)).toBe(716_767_232n);
        // Memory of conv + pool + fc outputs: 2303.2 KB in the lecture.
        expect(bars.reduce((sum, b) => sum + b.memory, 0n)).toBe(2_358_432n);
    });

    it('count FLOPs as twice the MACs', () => {
        const bars = buildBars(alexnet, 'layer', 'flops');
        expect(bars.map(b => Number(b.compute))).toEqual(ALEXNET_BARS.map(([, , , macs]) => 2 * macs));
    });

    it('aggregate ResNet-50 by stage into the analysis\'s own stage subtotals', () => {
        const bars = buildBars(resnet50, 'stage', 'macs');
        expect(bars.map(b => b.label)).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head']);
        expect(bars.map(b => [b.params, b.compute, b.memory].map(Number))).toEqual(resnet50.stages.map(s => [s.params, s.macs, s.memoryBytes]));
        expect(bars.map(b => b.stage)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(bars.reduce((sum, b) => sum + b.params, 0n)).toBe(25_557_032n);
        expect(bars.reduce((sum, b) => sum + b.compute, 0n)).toBe(4_089_184_256n);
    });

    it('aggregate ResNet-50 by block call: the stem, 3 + 4 + 6 + 3 bottlenecks and the head', () => {
        const bars = buildBars(resnet50, 'block', 'macs');
        expect(bars).toHaveLength(18);
        expect(bars.map(b => b.label)).toEqual(['stem/ResNetStem',
            ...[1, 2, 3].map(k => `layer1/Bottleneck#${k}`), ...[1, 2, 3, 4].map(k => `layer2/Bottleneck#${k}`),
            ...[1, 2, 3, 4, 5, 6].map(k => `layer3/Bottleneck#${k}`), ...[1, 2, 3].map(k => `layer4/Bottleneck#${k}`), 'head/ResNetHead']);
        // The block's statements are in the library file it is imported from.
        expect(bars.map(b => b.file)).toEqual(bars.map(() => 'examples/blocks/resnet.cnn'));
        expect(bars.at(-1)!.label).toBe('head/ResNetHead');
        // A downsampling bottleneck of layer2: 1×1 256→128, 3×3 128→128 stride 2, 1×1 128→512, projection 256→512 stride 2, four BNs.
        expect(Number(bars[4]!.params)).toBe(256 * 128 + 9 * 128 * 128 + 128 * 512 + 256 * 512 + 2 * (128 + 128 + 512 + 512));
        expect(bars.map(b => b.stage)).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5]);
        for (const stage of resnet50.stages) {
            const inStage = bars.filter(b => b.label.startsWith(stage.name + '/'));
            expect(inStage.reduce((sum, b) => sum + b.params, 0n)).toBe(BigInt(stage.params));
        }
    });

    it('aggregate by layer with one bar per costly row and keep each row\'s stage', () => {
        const bars = buildBars(resnet50, 'layer', 'macs');
        const costly = resnet50.layers.filter(l => l.params !== 0 || l.macs !== 0 || l.memoryBytes !== 0);
        expect(bars).toHaveLength(costly.length);
        expect(bars[0]).toMatchObject({ label: 'conv_1', path: 'stem/ResNetStem', stage: 0, line: 9, column: 5, file: 'examples/blocks/resnet.cnn', params: 9408n, compute: 118_013_952n, memory: 3_211_264n });
        expect(buildBars(alexnet, 'layer', 'macs')[0]!.file).toBe('examples/alexnet.cnn');
    });

    it('carry the peak live memory when rows have liveBytes, and none when they do not', () => {
        const without = { ...resnet50, layers: resnet50.layers.map(l => { const copy: ChartLayer = { ...l }; delete copy.liveBytes; return copy; }) } as unknown as typeof resnet50;
        expect(buildBars(without, 'layer', 'macs').every(b => b.live === null)).toBe(true);
        const withLive = { ...resnet50, layers: resnet50.layers.map((l, i) => ({ ...l, liveBytes: 1000 + i })) };
        const stages = buildBars(withLive, 'stage', 'macs');
        const lastOf = (name: string) => 1000 + resnet50.layers.map(l => l.path.split('/')[0]).lastIndexOf(name);
        expect(stages.map(b => Number(b.live))).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head'].map(lastOf));
    });

    it('colour by stage, and in the first colour when a network has no stages', () => {
        const palette = ['#1', '#2', '#3'];
        expect(barColours(buildBars(resnet50, 'stage', 'macs'), 6, palette, '#out')).toEqual(['#1', '#2', '#3', '#1', '#2', '#3']);
        expect(new Set(barColours(buildBars(alexnet, 'layer', 'macs'), 0, palette, '#out'))).toEqual(new Set(['#1']));
        expect(stageIndex('layer2/Bottleneck#1/residual', ['stem', 'layer1', 'layer2'])).toBe(2);
        expect(stageIndex('layer22/conv', ['layer2'])).toBe(-1);
        expect(stageIndex('Bottleneck#1', ['stem'])).toBe(-1);
        expect(stageIndex('', ['stem'])).toBe(-1);
        // Nested stages: the outermost one colours the row.
        expect(stageIndex('features/stage1/Block#1', ['features/stage1', 'features'])).toBe(1);
    });
});

describe('chart number formats', () => {
    it('group exact counts and shorten for ticks', () => {
        expect(grouped(72_855_552n)).toBe('72,855,552');
        expect(grouped(999n)).toBe('999');
        expect(grouped(123456789012345678901234n)).toBe('123,456,789,012,345,678,901,234');
        expect(bytesShort(802_816)).toBe('784.0 KiB');
        expect(bytesShort(512)).toBe('512 B');
        expect(bytesTick(2 * 1024 * 1024)).toBe('2 MiB');
        expect(countShort(72_855_552)).toBe('72.9M');
        expect(countShort(4_089_184_256)).toBe('4.09G');
        expect([1e6, 2e6, 3e6, 5e6, 7e8].map(logTick)).toEqual(['1M', '2M', '', '5M', '']);
        expect(byteStep(4 * 1024 * 1024)).toBe(1024 * 1024);
        expect(byteStep(880 * 1024)).toBe(256 * 1024);
        expect(byteStep(0)).toBeUndefined();
        expect(binaryLogTicks(1000, 10 * 1024 * 1024)).toEqual([1024, 4096, 16384, 65536, 262144, 1048576, 4194304]);
    });
});

describe('chart exports', () => {
    it('write the bars as CSV with exact numbers', () => {
        const csv = barsCsv(buildBars(alexnet, 'layer', 'macs'), 'macs').split('\r\n');
        expect(csv[0]).toBe('name,path,kind,output,memory_bytes,params,macs,line,column');
        expect(csv[1]).toBe('conv1,,conv,64x56x56,802816,23296,72855552,13,5');
        expect(csv[11]).toBe('fc8,,fc,1000,4000,4097000,4096000,26,5');
        expect(csv).toHaveLength(13);
        const odd = buildBars({ ...alexnet, layers: [{ ...alexnet.layers[0]!, name: '=HYPERLINK("x"),a' }] }, 'layer', 'flops');
        expect(barsCsv(odd, 'flops').split('\r\n')[1]).toBe(`"'=HYPERLINK(""x""),a",,conv,64x56x56,802816,23296,145711104,13,5`);
    });

    it('write the bars as SVG, one rect per bar and panel, labels escaped', () => {
        const bars = buildBars({ ...alexnet, layers: alexnet.layers.map((l, i) => (i === 0 ? { ...l, name: '<img src=x onerror=alert(1)>' } : l)) }, 'layer', 'macs');
        const svg = barsSvg(bars, { background: '#fff', foreground: '#000', grid: '#ccc', colours: barColours(bars, 0, ['#123456'], '#999'), scale: 'linear', titles: ['Activation memory', 'Parameters', 'MACs'] });
        expect(svg.match(/<rect x=/g)).toHaveLength(33);
        expect(svg).not.toContain('<img');
        expect(svg).toContain('<title>&lt;img src=x onerror=alert(1)&gt;: 802,816</title>');
        expect(svg).toContain('<title>conv2: 223,948,800</title>');
        // The tallest bar of each panel is the panel's full height (180).
        expect(svg).toContain('height="180.00" fill="#123456"><title>&lt;img src=x onerror=alert(1)&gt;: 802,816</title>');
        expect(svg).toContain('height="180.00" fill="#123456"><title>fc6: 37,752,832</title>');
    });
});
