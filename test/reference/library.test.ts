import { describe, expect, it } from 'vitest';
import { sumRows } from '../../language/analysis/totals.js';
import type { Group, NetworkAnalysis } from '../../language/analysis/types.js';
import { analyzePath, exampleNetwork } from '../helpers.js';

// Every network of examples/ against its published figures: torchvision's exact params and
// multiply-adds (../shared/reference/REFERENCE-NUMBERS.md) where they exist, else the paper's table.

const network = exampleNetwork;

/** Params and MACs without the taps (torchvision's eval-mode figures). */
function mainPath(net: NetworkAnalysis) {
    const totals = sumRows(net.rows, 0, net.rows.length, row => row.tap === undefined);
    return { params: totals.params, macs: totals.macs };
}

describe('torchvision networks: params and MACs exactly as published', () => {
    it.each([
        ['alexnet.cnn', 'AlexNetTorchvision', 61_100_840n, 714_188_480n],
        ['vgg.cnn', 'VGG11', 132_863_336n, 7_609_090_048n],
        ['vgg.cnn', 'VGG16', 138_357_544n, 15_470_264_320n],
        ['vgg.cnn', 'VGG19', 143_667_240n, 19_632_062_464n],
        ['vgg.cnn', 'VGG16_BN', 138_365_992n, 15_470_264_320n],
        ['resnet18.cnn', 'ResNet18', 11_689_512n, 1_814_073_344n],
        ['resnet.cnn', 'ResNet34', 21_797_672n, 3_663_761_408n],
        ['resnet50.cnn', 'ResNet50', 25_557_032n, 4_089_184_256n],
        ['resnet.cnn', 'ResNet101', 44_549_160n, 7_801_405_440n],
        ['resnet.cnn', 'ResNet152', 60_192_808n, 11_513_626_624n],
        ['resnext.cnn', 'ResNeXt50_32x4d', 25_028_904n, 4_230_479_872n],
        ['resnext.cnn', 'ResNeXt101_32x8d', 88_791_336n, 16_414_015_488n],
        ['wide-resnet.cnn', 'WideResNet50_2', 68_883_240n, 11_398_021_120n],
        ['mobilenet.cnn', 'MobileNetV2', 3_504_872n, 300_774_272n],
        ['mobilenet.cnn', 'MobileNetV3Large', 5_483_032n, 216_589_760n],
        ['shufflenet.cnn', 'ShuffleNetV2_x1_0', 2_278_604n, 144_907_992n],
        ['squeezenet.cnn', 'SqueezeNet1_0', 1_248_424n, 818_924_576n],
        ['densenet.cnn', 'DenseNet121', 7_978_856n, 2_834_161_664n],
        ['efficientnet.cnn', 'EfficientNetB0', 5_288_548n, 385_814_752n],
        ['googlenet.cnn', 'GoogLeNet', 6_624_904n, 1_498_376_192n]
    ])('%s %s: %i params, %i MACs', (file, name, params, macs) => {
        expect(mainPath(network(file, name))).toEqual({ params, macs });
    });

    it('Inception-v3: 27,161,264 params with AuxLogits, 5,713,216,096 MACs without, 5,718,899,296 with', () => {
        const inception = network('inception-v3.cnn', 'InceptionV3');
        expect([inception.totals.params, mainPath(inception).macs, inception.totals.macs]).toEqual([27_161_264n, 5_713_216_096n, 5_718_899_296n]);
        expect(inception.taps.map(t => [t.name, t.totals.params])).toEqual([['AuxLogits', 3_326_696n]]);
    });

    it('VGG-13 follows from configuration B: 133,047,848 params, 11,308,466,176 MACs', () => {
        // Independent arithmetic from torchvision's cfg B: [64,64,M,128,128,M,256,256,M,512,512,M,512,512,M].
        const convs: Array<[number, number, number]> = [[3, 64, 224], [64, 64, 224], [64, 128, 112], [128, 128, 112], [128, 256, 56], [256, 256, 56],
            [256, 512, 28], [512, 512, 28], [512, 512, 14], [512, 512, 14]];
        const params = convs.reduce((sum, [i, o]) => sum + o * i * 9 + o, 0) + 123_642_856;
        const macs = convs.reduce((sum, [i, o, s]) => sum + o * s * s * i * 9, 0) + 25088 * 4096 + 4096 * 4096 + 4096 * 1000;
        expect(network('vgg.cnn', 'VGG13').totals.params).toBe(BigInt(params));
        expect(network('vgg.cnn', 'VGG13').totals.macs).toBe(BigInt(macs));
    });
});

type StageFigures = Array<[stage: string, params: bigint, macs: bigint, output: string]>;
const stagesOf = (net: NetworkAnalysis) => net.stages.map(s => [s.name, s.totals.params, s.totals.macs, s.output?.join('x')]);

describe('per-stage figures match the reference tables', () => {
    it.each<[string, string, StageFigures]>([
        ['resnet.cnn', 'ResNet152', [
            ['stem', 9_536n, 118_013_952n, '64x56x56'], ['layer1', 215_808n, 667_942_912n, '256x56x56'],
            ['layer2', 2_339_840n, 1_901_068_288n, '512x28x28'], ['layer3', 40_613_888n, 8_015_314_944n, '1024x14x14'],
            ['layer4', 14_964_736n, 809_238_528n, '2048x7x7'], ['head', 2_049_000n, 2_048_000n, '1000']
        ]],
        ['resnext.cnn', 'ResNeXt50_32x4d', [
            ['stem', 9_536n, 118_013_952n, '64x56x56'], ['layer1', 205_824n, 634_224_640n, '256x56x56'],
            ['layer2', 1_197_056n, 1_085_407_232n, '512x28x28'], ['layer3', 7_022_592n, 1_525_350_400n, '1024x14x14'],
            ['layer4', 14_544_896n, 865_435_648n, '2048x7x7'], ['head', 2_049_000n, 2_048_000n, '1000']
        ]],
        ['wide-resnet.cnn', 'WideResNet50_2', [
            ['stem', 9_536n, 118_013_952n, '64x56x56'], ['layer1', 634_368n, 1_978_138_624n, '256x56x56'],
            ['layer2', 3_482_624n, 2_877_292_544n, '512x28x28'], ['layer3', 20_736_000n, 4_213_178_368n, '1024x14x14'],
            ['layer4', 41_971_712n, 2_209_349_632n, '2048x7x7'], ['head', 2_049_000n, 2_048_000n, '1000']
        ]],
        ['densenet.cnn', 'DenseNet121', [
            ['stem', 9_536n, 118_013_952n, '64x56x56'], ['denseblock1', 335_040n, 1_040_449_536n, '256x56x56'],
            ['transition1', 33_280n, 102_760_448n, '128x28x28'], ['denseblock2', 919_680n, 712_900_608n, '512x28x28'],
            ['transition2', 132_096n, 102_760_448n, '256x14x14'], ['denseblock3', 2_837_760n, 549_126_144n, '1024x14x14'],
            ['transition3', 526_336n, 102_760_448n, '512x7x7'], ['denseblock4', 2_158_080n, 104_366_080n, '1024x7x7'],
            ['head', 2_048n + 1_025_000n, 1_024_000n, '1000']
        ]],
        ['efficientnet.cnn', 'EfficientNetB0', [
            ['stem', 928n, 10_838_016n, '32x112x112'], ['stage1', 1_448n, 10_035_712n, '16x112x112'],
            ['stage2', 16_714n, 54_945_216n, '24x56x56'], ['stage3', 46_640n, 37_939_584n, '40x28x28'],
            ['stage4', 242_930n, 43_555_200n, '80x14x14'], ['stage5', 543_148n, 86_102_400n, '112x14x14'],
            ['stage6', 2_026_348n, 91_528_224n, '192x7x7'], ['stage7', 717_232n, 29_520_000n, '320x7x7'],
            ['head', 412_160n + 1_281_000n, 20_070_400n + 1_280_000n, '1000']
        ]],
        ['shufflenet.cnn', 'ShuffleNetV2_x1_0', [
            ['stem', 696n, 8_128_512n, '24x56x56'], ['stage2', 30_192n, 25_724_608n, '116x28x28'],
            ['stage3', 244_180n, 54_589_136n, '232x14x14'], ['stage4', 501_352n, 32_160_072n, '464x7x7'],
            ['head', 477_184n + 1_025_000n, 23_281_664n + 1_024_000n, '1000']
        ]]
    ])('%s %s', (file, name, stages) => {
        expect(stagesOf(network(file, name))).toEqual(stages);
    });

    it.each([
        ['Mixed_5b', 255_904n, 312_345_600n, '256x35x35'], ['Mixed_5c', 277_472n, 338_688_000n, '288x35x35'],
        ['Mixed_6a', 1_153_280n, 401_937_408n, '768x17x17'], ['Mixed_6b', 1_297_408n, 374_063_104n, '768x17x17'],
        ['Mixed_6e', 2_141_952n, 617_914_368n, '768x17x17'], ['Mixed_7a', 1_698_304n, 291_004_416n, '1280x8x8'],
        ['Mixed_7b', 5_044_608n, 322_437_120n, '2048x8x8'], ['Mixed_7c', 6_076_800n, 388_497_408n, '2048x8x8']
    ] as const)('Inception-v3 %s', (name, params, macs, output) => {
        const call = network('inception-v3.cnn', 'InceptionV3').calls.find(c => c.name === name)!;
        expect([call.totals.params, call.totals.macs, call.output?.join('x')]).toEqual([params, macs, output]);
    });

    it.each([
        ['fire2', 11_920n, 34_338_816n], ['fire4', 45_344n, 131_383_296n], ['fire8', 188_992n, 137_355_264n], ['fire9', 197_184n, 33_226_752n]
    ] as const)('SqueezeNet %s', (name, params, macs) => {
        const call = network('squeezenet.cnn', 'SqueezeNet1_0').calls.find(c => c.name === name)!;
        expect([call.totals.params, call.totals.macs]).toEqual([params, macs]);
    });
});

describe('networks checked against their papers', () => {
    it('ZFNet reproduces the output sizes of Fig. 3 and the layer arithmetic', () => {
        const zf = network('zfnet.cnn', 'ZFNet');
        const sizes = zf.rows.filter(r => r.op === 'conv' || r.op === 'maxpool').map(r => r.output[1]);
        expect(sizes).toEqual([110, 55, 26, 13, 13, 13, 13, 6]);
        const conv = (k: number, cin: number, cout: number) => cout * cin * k * k + cout;
        const params = conv(7, 3, 96) + conv(5, 96, 256) + conv(3, 256, 384) + conv(3, 384, 384) + conv(3, 384, 256)
            + (9216 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000);
        expect(zf.totals.params).toBe(BigInt(params));
        const macs = 96 * 110 * 110 * 3 * 49 + 256 * 26 * 26 * 96 * 25 + 384 * 169 * 256 * 9 + 384 * 169 * 384 * 9 + 256 * 169 * 384 * 9
            + 9216 * 4096 + 4096 * 4096 + 4096 * 1000;
        expect(zf.totals.macs).toBe(BigInt(macs));
        expect(network('zfnet.cnn', 'ZFNetLarge').rows.filter(r => r.op === 'conv').map(r => r.output[0])).toEqual([96, 256, 512, 1024, 512]);
    });

    it('MobileNet v1 (1.0, 224) has the paper\'s 4.2M params and 569M mult-adds', () => {
        const v1 = network('mobilenet.cnn', 'MobileNetV1');
        expect([v1.totals.params, v1.totals.macs]).toEqual([4_231_976n, 568_740_352n]);
        expect(Math.round(Number(v1.totals.params) / 1e5) / 10).toBe(4.2);
        expect(Math.round(Number(v1.totals.macs) / 1e6)).toBe(569);
        // Table 1: the depthwise layers alone.
        expect(v1.rows.filter(r => r.op === 'dwconv').map(r => `${r.output[0]}x${r.output[1]}`)).toEqual([
            '32x112', '64x56', '128x56', '128x28', '256x28', '256x14', '512x14', '512x14', '512x14', '512x14', '512x14', '512x7', '1024x7'
        ]);
    });

    it('ShuffleNet 1× (g = 3) has the paper\'s 137 MFLOPs and stage widths 240, 480, 960', () => {
        const v1 = network('shufflenet.cnn', 'ShuffleNetV1_g3');
        expect(Math.round(Number(v1.totals.macs) / 1e6)).toBe(137);
        expect(v1.stages.map(s => s.output?.join('x'))).toEqual(['24x56x56', '240x28x28', '480x14x14', '960x7x7', '1000']);
    });

    it('pre-activation ResNet-164 and ResNet-1001 have the paper\'s 1.7M and 10.2M weights', () => {
        // The paper counts conv and fc weights. BN's γ and β add, per bottleneck, 2·in + 4·planes:
        // 164: (96 + 17·192) + (256 + 17·384) + (512 + 17·768) + 512 (final BN) = 24,224;
        // 1001: (96 + 110·192) + (256 + 110·384) + (512 + 110·768) + 512 = 149,216.
        const weights = (net: NetworkAnalysis) => sumRows(net.rows, 0, net.rows.length, r => r.op !== 'bn').params;
        const r164 = network('preact-resnet.cnn', 'PreActResNet164');
        const r1001 = network('preact-resnet.cnn', 'PreActResNet1001');
        expect(Math.round(Number(weights(r164)) / 1e5) / 10).toBe(1.7);
        expect(Math.round(Number(weights(r1001)) / 1e5) / 10).toBe(10.2);
        expect([r164.totals.params - weights(r164), r1001.totals.params - weights(r1001)]).toEqual([24_224n, 149_216n]);
        // Depth counts the convs on the main path and the fc, not the projection shortcuts.
        const depth = (net: NetworkAnalysis) => net.rows.filter(r => (r.op === 'conv' && !r.path.endsWith('shortcut')) || r.op === 'fc').length;
        expect([depth(r164), depth(r1001)]).toEqual([164, 1001]);
    });

    it('pre-activation ResNet-18 differs from ResNet-18 only in where its batch norms sit', () => {
        // Down blocks normalise their input (64/128/256 channels instead of 128/256/512), the
        // shortcuts have no BN, and one BN + ReLU precedes the classifier.
        const difference = -2n * (64n + 128n + 256n) - 2n * (128n + 256n + 512n) + 2n * 512n;
        expect(network('preact-resnet.cnn', 'PreActResNet18').totals.params).toBe(11_689_512n + difference);
        expect(network('preact-resnet.cnn', 'PreActResNet18').totals.macs).toBe(1_814_073_344n);
    });
});

describe('every example', () => {
    it.each([
        'alexnet.cnn', 'zfnet.cnn', 'vgg.cnn', 'vgg16.cnn', 'googlenet.cnn', 'inception-v3.cnn', 'resnet18.cnn', 'resnet50.cnn', 'resnet.cnn',
        'preact-resnet.cnn', 'resnext.cnn', 'wide-resnet.cnn', 'mobilenet.cnn', 'shufflenet.cnn', 'squeezenet.cnn', 'densenet.cnn', 'efficientnet.cnn'
    ])('%s has no errors and a header and meta line for each network', file => {
        const analyzed = analyzePath(`examples/${file}`);
        expect(analyzed.all.filter(d => d.severity === 'error')).toEqual([]);
        for (const net of analyzed.networks) {
            expect(net.output).not.toBeNull();
            if (!net.name.startsWith('PreAct')) expect(Object.keys(net.meta)).toEqual(['top1', 'source']);
        }
    });
});

describe('mobile networks block by block (torchvision features.N)', () => {
    /** Block calls not inside another call, in execution order: one per torchvision `features` entry. */
    const outermostCalls = (net: NetworkAnalysis) => {
        const order = (call: Group) => net.calls.indexOf(call);
        // With the same rows, the outer call is the one recorded later (it finishes last).
        const contains = (outer: Group, inner: Group) => outer !== inner && outer.firstRow <= inner.firstRow && inner.endRow <= outer.endRow
            && (outer.endRow - outer.firstRow > inner.endRow - inner.firstRow || order(outer) > order(inner));
        return net.calls
            .filter(call => !net.calls.some(other => contains(other, call)))
            .sort((a, b) => a.firstRow - b.firstRow)
            .map(call => [call.totals.params, call.totals.macs]);
    };

    it('MobileNetV2 features.0 to features.18', () => {
        expect(outermostCalls(network('mobilenet.cnn', 'MobileNetV2'))).toEqual([
            [928n, 10_838_016n], [896n, 10_035_200n], [5_136n, 29_202_432n], [8_832n, 25_740_288n], [10_000n, 15_466_752n],
            [14_848n, 10_988_544n], [14_848n, 10_988_544n], [21_056n, 7_564_032n], [54_272n, 10_311_168n], [54_272n, 10_311_168n],
            [54_272n, 10_311_168n], [66_624n, 12_719_616n], [118_272n, 22_692_096n], [118_272n, 22_692_096n], [155_264n, 15_607_872n],
            [320_000n, 15_476_160n], [320_000n, 15_476_160n], [473_920n, 23_002_560n], [412_160n, 20_070_400n]
        ]);
    });

    it('MobileNetV3-Large features.1 to features.15', () => {
        expect(outermostCalls(network('mobilenet.cnn', 'MobileNetV3Large'))).toEqual([
            [464n, 5_017_600n], [3_440n, 19_468_288n], [4_440n, 12_870_144n], [10_328n, 9_091_584n], [20_992n, 9_886_080n],
            [20_992n, 9_886_080n], [32_080n, 11_712_960n], [34_760n, 6_624_800n], [31_992n, 6_094_816n], [31_992n, 6_094_816n],
            [214_424n, 19_025_280n], [386_120n, 30_914_688n], [429_224n, 21_069_216n], [797_360n, 16_689_600n], [797_360n, 16_689_600n]
        ]);
    });
});
