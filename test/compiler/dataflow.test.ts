import { describe, expect, it } from 'vitest';
import { analyzeText, net } from '../helpers.js';

/** Each row as `name <- input names` (`in` for the network input, `name[a:b]` for a split's slice). */
function graph(body: string, input = '8x4x4'): string[] {
    const rows = analyzeText(net(body, input)).network().rows;
    const nameOf = (index: number) => index === -1 ? 'in' : rows[index].name;
    return rows.map(row => `${row.name} <- ${row.inputs.map((index, k) => {
        const channels = row.inputChannels?.[k];
        return nameOf(index) + (channels ? `[${channels[0]}:${channels[1]}]` : '');
    }).join(' ')}`);
}

describe('the dataflow graph', () => {
    it('chains plain and in-place rows', () => {
        expect(graph('    conv 8 3x3 pad 1\n    relu\n    flatten\n    fc 10')).toEqual([
            'conv_1 <- in', 'relu_1 <- conv_1', 'flatten_1 <- relu_1', 'fc_1 <- flatten_1'
        ]);
    });

    it('adds the body output and the identity or projected shortcut', () => {
        expect(graph('    relu\n    residual { conv 8 3x3 pad 1, bn }\n    residual { conv 16 1x1 stride 2 } shortcut auto')).toEqual([
            'relu_1 <- in', 'conv_1 <- relu_1', 'bn_1 <- conv_1', 'residual_1 <- bn_1 relu_1',
            'conv_2 <- residual_1', 'conv_3 <- residual_1', 'bn_2 <- conv_3', 'residual_2 <- conv_2 bn_2'
        ]);
    });

    it('reads an explicit shortcut body', () => {
        expect(graph('    residual { conv 8 1x1 } shortcut { maxpool 1x1 }')).toEqual([
            'conv_1 <- in', 'maxpool_1 <- in', 'residual_1 <- conv_1 maxpool_1'
        ]);
    });

    it('concatenates every branch output, an empty branch being the input', () => {
        expect(graph('    concat { branch {} branch { conv 4 1x1 } branch { conv 2 1x1, relu } }')).toEqual([
            'conv_1 <- in', 'conv_2 <- in', 'relu_1 <- conv_2', 'concat_1 <- in conv_1 relu_1'
        ]);
    });

    it('gives each split branch its channel slice, nested slices composed', () => {
        expect(graph('    split { branch {} branch { conv 4 1x1 } }\n    split { branch { split { branch {} branch { relu } } } branch {} }', '8x4x4')).toEqual([
            'conv_1 <- in[4:8]', 'split_1 <- in[0:4] conv_1',
            'relu_1 <- split_1[2:4]', 'split_2 <- split_1[0:2] relu_1', 'split_3 <- split_2 split_1[4:8]'
        ]);
    });

    it('scales the input by the body output', () => {
        expect(graph('    scale { globalavgpool, conv 8 1x1, sigmoid }')).toEqual([
            'globalavgpool_1 <- in', 'conv_1 <- globalavgpool_1', 'sigmoid_1 <- conv_1', 'scale_1 <- in sigmoid_1'
        ]);
    });

    it('reads the tensor at a tap; the main path continues from it', () => {
        expect(graph('    conv 8 1x1\n    tap aux { globalavgpool, flatten, fc 3 }\n    relu')).toEqual([
            'conv_1 <- in', 'globalavgpool_1 <- conv_1', 'flatten_1 <- globalavgpool_1', 'fc_1 <- flatten_1', 'relu_1 <- conv_1'
        ]);
    });
});
