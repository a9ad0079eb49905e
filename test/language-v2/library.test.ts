import { describe, expect, it } from 'vitest';
import { sumRows } from '../../language/analysis/totals.js';
import type { NetworkAnalysis } from '../../language/analysis/types.js';
import { analyzePath, exampleFile, exampleNetwork } from '../helpers.js';

// The library written with language v2, each network exact against
// ../shared/reference/TORCHVISION-ALL.md (torchvision 0.14 measured with PyTorch): params,
// buffers (without num_batches_tracked) and multiply-adds, without auxiliary classifiers.

const network = exampleNetwork;

function mainPath(net: NetworkAnalysis) {
    const totals = sumRows(net.rows, 0, net.rows.length, row => row.tap === undefined);
    return { params: totals.params, buffers: totals.buffers, macs: totals.macs, output: net.output };
}

const TABLE: Array<[file: string, name: string, params: bigint, buffers: bigint, macs: bigint]> = [
    ['efficientnet.cnn', 'EfficientNetB0', 5_288_548n, 42_016n, 385_814_752n],
    ['efficientnet.cnn', 'EfficientNetB1', 7_794_184n, 62_048n, 686_802_832n],
    ['efficientnet.cnn', 'EfficientNetB2', 9_109_994n, 67_568n, 1_087_529_456n],
    ['efficientnet.cnn', 'EfficientNetB3', 12_233_232n, 87_296n, 1_827_141_392n],
    ['efficientnet.cnn', 'EfficientNetB4', 19_341_616n, 125_200n, 4_393_771_024n],
    ['efficientnet.cnn', 'EfficientNetB5', 30_389_784n, 172_736n, 10_266_384_752n],
    ['efficientnet.cnn', 'EfficientNetB6', 43_040_704n, 224_432n, 19_067_593_536n],
    ['efficientnet.cnn', 'EfficientNetB7', 66_347_960n, 310_720n, 37_745_884_192n],
    ['convnext.cnn', 'ConvNeXtTiny', 28_589_128n, 0n, 4_455_531_264n],
    ['convnext.cnn', 'ConvNeXtSmall', 50_223_688n, 0n, 8_683_712_256n],
    ['convnext.cnn', 'ConvNeXtBase', 88_591_464n, 0n, 15_354_729_472n],
    ['convnext.cnn', 'ConvNeXtLarge', 197_767_336n, 0n, 34_361_433_600n],
    ['mobilenet-v3.cnn', 'MobileNetV3Large', 5_483_032n, 24_400n, 216_589_760n],
    ['mobilenet-v3.cnn', 'MobileNetV3Small', 2_542_856n, 12_112n, 56_510_400n],
    ['mobilenet-v2.cnn', 'MobileNetV2', 3_504_872n, 34_112n, 300_774_272n],
    ['mnasnet.cnn', 'MNASNet0_5', 2_218_512n, 20_624n, 104_455_968n],
    ['mnasnet.cnn', 'MNASNet0_75', 3_170_208n, 29_808n, 215_493_104n],
    ['mnasnet.cnn', 'MNASNet1_0', 4_383_312n, 37_920n, 314_415_872n],
    ['mnasnet.cnn', 'MNASNet1_3', 6_282_256n, 48_816n, 526_362_432n],
    ['shufflenet-v2.cnn', 'ShuffleNetV2_x0_5', 1_366_792n, 7_952n, 40_476_448n],
    ['shufflenet-v2.cnn', 'ShuffleNetV2_x1_0', 2_278_604n, 16_180n, 144_907_992n],
    ['shufflenet-v2.cnn', 'ShuffleNetV2_x1_5', 3_503_624n, 23_440n, 295_759_392n],
    ['shufflenet-v2.cnn', 'ShuffleNetV2_x2_0', 7_393_996n, 33_716n, 583_253_464n],
    ['densenet-family.cnn', 'DenseNet121', 7_978_856n, 83_648n, 2_834_161_664n],
    ['densenet-family.cnn', 'DenseNet161', 28_681_000n, 219_936n, 7_727_907_072n],
    ['densenet-family.cnn', 'DenseNet169', 14_149_480n, 158_400n, 3_359_843_328n],
    ['densenet-family.cnn', 'DenseNet201', 20_013_928n, 229_056n, 4_291_365_888n],
    ['efficientnet-v2.cnn', 'EfficientNetV2S', 21_458_488n, 153_872n, 8_365_617_152n],
    ['inception-v3-factorised.cnn', 'InceptionV3', 23_834_568n, 34_432n, 5_713_216_096n],
    ['regnet.cnn', 'RegNetX_400MF', 5_495_976n, 37_856n, 413_812_608n],
    ['regnet.cnn', 'RegNetX_800MF', 7_259_656n, 37_312n, 799_699_712n],
    ['regnet.cnn', 'RegNetX_1_6GF', 9_190_136n, 43_504n, 1_602_849_792n],
    ['regnet.cnn', 'RegNetX_3_2GF', 15_296_552n, 62_560n, 3_176_621_952n],
    ['regnet.cnn', 'RegNetX_8GF', 39_572_648n, 90_464n, 7_995_132_416n],
    ['regnet.cnn', 'RegNetX_16GF', 54_278_536n, 111_168n, 15_940_755_456n],
    ['regnet.cnn', 'RegNetX_32GF', 107_811_560n, 162_016n, 31_735_929_792n],
    ['regnet.cnn', 'RegNetY_400MF', 4_344_144n, 27_152n, 401_842_848n],
    ['regnet.cnn', 'RegNetY_800MF', 6_432_512n, 30_432n, 833_856_256n],
    ['regnet.cnn', 'RegNetY_1_6GF', 11_202_430n, 52_672n, 1_612_076_160n],
    ['regnet.cnn', 'RegNetY_3_2GF', 19_436_338n, 66_160n, 3_176_482_752n],
    ['regnet.cnn', 'RegNetY_8GF', 39_381_472n, 86_528n, 8_473_070_592n],
    ['regnet.cnn', 'RegNetY_16GF', 83_590_140n, 122_816n, 15_911_510_272n],
    ['regnet.cnn', 'RegNetY_32GF', 145_046_770n, 158_288n, 32_279_552_832n]
];

describe('language v2 library: exact against torchvision', () => {
    it.each(TABLE)('%s %s: %i params, %i buffers, %i MACs', (file, name, params, buffers, macs) => {
        expect(mainPath(network(file, name))).toEqual({ params, buffers, macs, output: [1000] });
    });

    it('EfficientNet-B0…B7 are one family: eight one-line bodies over the same block', () => {
        const analyzed = analyzePath('examples/efficientnet.cnn');
        expect(analyzed.all).toEqual([]);
        expect(analyzed.networks.map(n => [n.name, n.input.join('x'), n.node.$cstNode?.text.split('\n').length])).toEqual([
            ['EfficientNetB0', '3x224x224', 5], ['EfficientNetB1', '3x240x240', 5], ['EfficientNetB2', '3x288x288', 5],
            ['EfficientNetB3', '3x300x300', 5], ['EfficientNetB4', '3x380x380', 5], ['EfficientNetB5', '3x456x456', 5],
            ['EfficientNetB6', '3x528x528', 5], ['EfficientNetB7', '3x600x600', 5]
        ]);
        expect(new Set(analyzed.networks.map(n => n.calls.at(-1)?.name))).toEqual(new Set(['EfficientNet']));
    });

    it('reports the peak of every network; every file is free of errors', () => {
        const peaks = TABLE.map(([file, name]) => network(file, name).peakMemoryElements * 4n);
        // B0: stage2's first expansion, its 96×112×112 conv output and its bn (silu runs in place).
        expect(peaks.slice(0, 2)).toEqual([9_633_792n, 11_059_200n]);
        expect(peaks.every(peak => peak > 0n)).toBe(true);
        for (const file of new Set(TABLE.map(([f]) => f))) expect(exampleFile(file).all.filter(d => d.severity === 'error')).toEqual([]);
    });
});
