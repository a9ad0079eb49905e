import { describe, expect, it } from 'vitest';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { sumRows } from '../../language/analysis/totals.js';
import { analyzePath } from '../helpers.js';

// torchvision's published parameter counts and exact multiply-adds, with the per-stage figures
// of ../shared/reference/REFERENCE-NUMBERS.md.

function stage(network: NetworkAnalysis, name: string) {
    const found = network.stages.find(s => s.name === name);
    if (!found) throw new Error(`no stage ${name}`);
    return { params: found.totals.params, macs: found.totals.macs, output: found.output?.join('x') };
}

describe('VGG-16', () => {
    const vgg = analyzePath('examples/vgg16.cnn').network();
    it('has 138,357,544 params and 15,470,264,320 MACs', () => {
        expect(vgg.totals.params).toBe(138_357_544n);
        expect(vgg.totals.macs).toBe(15_470_264_320n);
    });
    it.each([
        ['conv1_1', '64x224x224', 1_792, 86_704_128],
        ['conv1_2', '64x224x224', 36_928, 1_849_688_064],
        ['conv2_1', '128x112x112', 73_856, 924_844_032],
        ['conv3_1', '256x56x56', 295_168, 924_844_032],
        ['conv4_1', '512x28x28', 1_180_160, 924_844_032],
        ['conv5_3', '512x14x14', 2_359_808, 462_422_016],
        ['fc6', '4096', 102_764_544, 102_760_448],
        ['fc8', '1000', 4_097_000, 4_096_000]
    ])('%s gives %s with %i params and %i MACs', (name, output, params, macs) => {
        const row = vgg.rows.find(r => r.name === name)!;
        expect(row.output.join('x')).toBe(output);
        expect(row.params).toBe(BigInt(params));
        expect(row.macs).toBe(BigInt(macs));
    });
    it('classifier has 123,642,856 params', () => {
        expect(stage(vgg, 'classifier').params).toBe(123_642_856n);
    });
    it('uses 43,904 KiB for conv1_1..conv3_2 outputs, as the lecture says', () => {
        const first = vgg.rows.findIndex(r => r.name === 'conv1_1');
        const last = vgg.rows.findIndex(r => r.name === 'conv3_2');
        const convs = sumRows(vgg.rows, first, last + 1, r => r.op === 'conv');
        expect(convs.memoryElements * 4n).toBe(43_904n * 1024n);
        expect(convs.params).toBe(1_145_408n);
        expect(convs.macs).toBe(7_485_456_384n);
    });
});

type StageFigures = [name: string, params: bigint, macs: bigint, output: string];
type NetworkFigures = [label: string, path: string, params: bigint, macs: bigint, stages: StageFigures[]];

describe.each<NetworkFigures>([
    ['ResNet-18', 'examples/resnet18.cnn', 11_689_512n, 1_814_073_344n, [
        ['stem', 9_536n, 118_013_952n, '64x56x56'],
        ['layer1', 147_968n, 462_422_016n, '64x56x56'],
        ['layer2', 525_568n, 411_041_792n, '128x28x28'],
        ['layer3', 2_099_712n, 411_041_792n, '256x14x14'],
        ['layer4', 8_393_728n, 411_041_792n, '512x7x7'],
        ['head', 513_000n, 512_000n, '1000']
    ]],
    ['ResNet-50', 'examples/resnet50.cnn', 25_557_032n, 4_089_184_256n, [
        ['stem', 9_536n, 118_013_952n, '64x56x56'],
        ['layer1', 215_808n, 667_942_912n, '256x56x56'],
        ['layer2', 1_219_584n, 1_027_604_480n, '512x28x28'],
        ['layer3', 7_098_368n, 1_464_336_384n, '1024x14x14'],
        ['layer4', 14_964_736n, 809_238_528n, '2048x7x7'],
        ['head', 2_049_000n, 2_048_000n, '1000']
    ]]
])('%s (torchvision layout)', (_, path, params, macs, stages) => {
    const network = analyzePath(path).network();
    it(`has ${params} params and ${macs} MACs`, () => {
        expect(network.totals.params).toBe(params);
        expect(network.totals.macs).toBe(macs);
    });
    it.each(stages)('stage %s: %i params, %i MACs, output %s', (name, stageParams, stageMacs, output) => {
        expect(stage(network, name)).toEqual({ params: stageParams, macs: stageMacs, output });
    });
});

describe('GoogLeNet (torchvision layout, aux classifiers as taps)', () => {
    const googlenet = analyzePath('examples/googlenet.cnn').network();
    const withoutTaps = sumRows(googlenet.rows, 0, googlenet.rows.length, r => r.tap === undefined);

    it('has 6,624,904 params and 1,498,376,192 MACs without its taps', () => {
        expect(withoutTaps.params).toBe(6_624_904n);
        expect(withoutTaps.macs).toBe(1_498_376_192n);
    });
    it('has 13,004,888 params and 1,506,748,416 MACs with them', () => {
        expect(googlenet.totals.params).toBe(13_004_888n);
        expect(googlenet.totals.macs).toBe(1_506_748_416n);
    });
    it('lists the taps: aux1 3,188,968 params, aux2 3,191,016 params, each 1000 classes', () => {
        expect(googlenet.taps.map(t => [t.name, t.totals.params, t.output?.join('x')])).toEqual([
            ['aux1', 3_188_968n, '1000'],
            ['aux2', 3_191_016n, '1000']
        ]);
    });
    it.each([
        ['inception3a', 155_872n, 121_626_624n, '256x28x28'],
        ['inception3b', 340_224n, 265_732_096n, '480x28x28'],
        ['inception4a', 364_512n, 71_199_744n, '512x14x14'],
        ['inception4b', 425_232n, 83_091_456n, '512x14x14'],
        ['inception4c', 486_192n, 95_033_344n, '512x14x14'],
        ['inception4d', 573_312n, 112_093_184n, '528x14x14'],
        ['inception4e', 803_840n, 157_151_232n, '832x14x14'],
        ['inception5a', 978_944n, 47_867_904n, '832x7x7'],
        ['inception5b', 1_347_040n, 65_881_088n, '1024x7x7']
    ] as const)('%s: %i params, %i MACs, output %s', (name, params, macs, output) => {
        const call = googlenet.calls.find(c => c.name === name)!;
        expect({ params: call.totals.params, macs: call.totals.macs, output: call.output?.join('x') }).toEqual({ params, macs, output });
    });
    it('pools in ceil mode: 112 → 56 → 28 → 14 → 7', () => {
        const pools = googlenet.rows.filter(r => r.op === 'maxpool' && r.path.split('/').length === 1);
        expect(pools.map(r => r.output[1])).toEqual([56, 28, 14, 7]);
    });
});
