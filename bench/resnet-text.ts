/**
 * ResNet source texts of any depth for the benchmarks: written with blocks (as a user would) or
 * written out layer by layer (every bottleneck expanded by hand, ~600 layers for ResNet-152).
 */
export const RESNET152_STAGES = [3, 8, 36, 3];

const BOTTLENECK_BLOCK = `
block Bottleneck(planes, stride = 1) {
    residual {
        conv planes 1x1 nobias, bn, relu
        conv planes 3x3 stride stride pad 1 nobias, bn, relu
        conv planes*4 1x1 nobias, bn
    } shortcut auto
    relu
}`;

const STEM = '    conv 64 7x7 stride 2 pad 3 nobias, bn, relu\n    maxpool 3x3 stride 2 pad 1';
const HEAD = '    adaptiveavgpool 1x1\n    flatten\n    fc 1000';

export function resnetWithBlocks(stages: number[]): string {
    const body = stages.map((count, i) => {
        const planes = 64 << i;
        const first = i === 0 ? `Bottleneck(${planes})` : `Bottleneck(${planes}, stride = 2)`;
        const rest = count > 1 ? ` Bottleneck(${planes}) * ${count - 1}` : '';
        return `    stage layer${i + 1} { ${first}${rest} }`;
    });
    return `${BOTTLENECK_BLOCK}\nnetwork ResNet {\n    input 3x224x224\n${STEM}\n${body.join('\n')}\n${HEAD}\n}\n`;
}

export function resnetWrittenOut(stages: number[]): string {
    const lines: string[] = [];
    let channels = 64;
    stages.forEach((count, i) => {
        const planes = 64 << i;
        lines.push(`    stage layer${i + 1} {`);
        for (let b = 0; b < count; b++) {
            const stride = i > 0 && b === 0 ? 2 : 1;
            const shortcut = stride !== 1 || channels !== planes * 4 ? ' shortcut projection' : '';
            lines.push(
                '        residual {',
                `            conv ${planes} 1x1 nobias, bn, relu`,
                `            conv ${planes} 3x3 stride ${stride} pad 1 nobias, bn, relu`,
                `            conv ${planes * 4} 1x1 nobias, bn`,
                `        }${shortcut}`,
                '        relu'
            );
            channels = planes * 4;
        }
        lines.push('    }');
    });
    return `network ResNet {\n    input 3x224x224\n${STEM}\n${lines.join('\n')}\n${HEAD}\n}\n`;
}
