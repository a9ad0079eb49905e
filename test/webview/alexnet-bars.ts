// The lecture's AlexNet table (REFERENCE-NUMBERS.md), as the chart's bars: conv, pool and fc rows.

/** The lecture's AlexNet table: name, memory bytes (KB × 1024), params, MACs. */
export const ALEXNET_BARS: Array<[string, number, number, number]> = [
    ['conv1', 64 * 56 * 56 * 4, 23_296, 72_855_552],
    ['pool1', 64 * 27 * 27 * 4, 0, 0],
    ['conv2', 192 * 27 * 27 * 4, 307_392, 223_948_800],
    ['pool2', 192 * 13 * 13 * 4, 0, 0],
    ['conv3', 384 * 13 * 13 * 4, 663_936, 112_140_288],
    ['conv4', 256 * 13 * 13 * 4, 884_992, 149_520_384],
    ['conv5', 256 * 13 * 13 * 4, 590_080, 99_680_256],
    ['pool5', 256 * 6 * 6 * 4, 0, 0],
    ['fc6', 4096 * 4, 37_752_832, 37_748_736],
    ['fc7', 4096 * 4, 16_781_312, 16_777_216],
    ['fc8', 1000 * 4, 4_097_000, 4_096_000]
];
