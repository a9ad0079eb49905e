import { describe, expect, it } from 'vitest';
import { analyzePath, analyzeText } from '../helpers.js';

describe('paths numbered per parent (LANGUAGE.md §8.10)', () => {
    it('ResNet-50 reads layer2/Bottleneck#1 … #4, as torchvision layer2.0 … 2.3, and every row path is unique', () => {
        const network = analyzePath('examples/resnet50.cnn').network('ResNet50');
        const layer2 = [...new Set(network.rows.filter(row => row.path.startsWith('layer2/')).map(row => row.path.split('/')[1]))];
        expect(layer2).toEqual(['Bottleneck#1', 'Bottleneck#2', 'Bottleneck#3', 'Bottleneck#4']);
        const keys = network.rows.map(row => `${row.path}/${row.name}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(network.stages.map(stage => stage.path)).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head']);
        const shortcut = network.rows.find(row => row.path === 'layer2/Bottleneck#1/residual/shortcut');
        expect(shortcut?.op).toBe('conv');
    });

    it('repeat, * N and separate statements count together; a single occurrence keeps its bare name', () => {
        const text = 'block B() { relu }\nnetwork N {\n    input 3x8x8\n    B()\n    repeat 2 { B() }\n    stage s { B() }\n    residual { relu }\n    residual { relu } * 2\n    B() * 0\n}\n';
        const rows = analyzeText(text).network('N').rows;
        expect(rows.map(row => row.path)).toEqual([
            'B#1', 'B#2', 'B#3', 's/B', 'residual#1', 'residual#1', 'residual#2', 'residual#2', 'residual#3', 'residual#3'
        ]);
    });
});

describe('inexact only where windows tile (LANGUAGE.md §8.12)', () => {
    it('a 1×1 stride-2 convolution skips rows by design: no hint', () => {
        const analyzed = analyzeText('network N {\n    input 3x8x8\n    conv 4 1x1 stride 2\n}\n');
        expect(analyzed.all).toEqual([]);
    });

    it('a 3×3 stride-2 window that misses the last row still gets the hint', () => {
        const analyzed = analyzeText('network N {\n    input 3x8x8\n    conv 4 3x3 stride 2\n}\n');
        expect(analyzed.all.map(d => `${d.code}: ${d.message}`)).toEqual(['inexact: conv: (8 − 3) / 2 is not whole: the last input row and column are never seen']);
    });
});

describe('budget units', () => {
    it('a memory limit needs a byte unit', () => {
        const analyzed = analyzeText('network N {\n    input 3x8x8\n    budget memory <= 1, params <= 1M\n    relu\n}\n');
        expect(analyzed.all.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`)).toEqual([
            '3:22 invalid-value: memory is in bytes: write it with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, like 48MiB)'
        ]);
        expect(analyzeText('network N {\n    input 3x8x8\n    budget memory <= 1KiB\n    relu\n}\n').all).toEqual([]);
    });
});
