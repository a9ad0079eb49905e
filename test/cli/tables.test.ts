// The `cnn analyze` table: the 80-column default view, --by and --depth, and --wide.
// Every expected figure comes from torchvision (REFERENCE-NUMBERS.md, TORCHVISION-ALL.md) or from
// arithmetic written next to it, never from the tool's own output.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cnn, tempFile } from './run-cli.js';

const EXAMPLES = readdirSync('examples').filter(name => name.endsWith('.cnn')).sort().map(name => `examples/${name}`);
const VIEWS: string[][] = [[], ['--by', 'layer'], ['--by', 'block'], ['--by', 'stage'], ['--depth', '1'], ['--depth', '2'], ['--depth', '3']];

/** Terminal columns of a line: code points (`×` is one column). */
const columns = (line: string) => [...line].length;
/** Cells of a table line: columns are separated by at least two spaces. */
const cells = (line: string) => line.trim().split(/\s{2,}/);
/** `12,345` as the tables write exact counts. */
const exact = (n: number) => n.toLocaleString('en-US');
/** A share with one decimal, as the `%` columns print it. */
const pct = (part: number, total: number) => (100 * part / total).toFixed(1);
/** Bytes in KiB with two decimals, as the --wide memory columns print them. */
const kib = (bytes: number) => (bytes / 1024).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function analyze(...args: string[]): string {
    const { status, stdout, stderr } = cnn('analyze', ...args);
    expect(status, stderr).toBe(0);
    return stdout;
}

/** The lines of each network's table, by network name (each starts at its `Name: input …` header). */
function networks(stdout: string): Map<string, string[]> {
    const result = new Map<string, string[]>();
    let current: string[] | undefined;
    for (const line of stdout.split('\n')) {
        const header = /^(\w+): input /.exec(line);
        if (header) {
            expect(result.has(header[1]), `${header[1]} printed twice`).toBe(false);
            result.set(header[1], current = []);
        }
        current?.push(line);
    }
    return result;
}

/** The cells of the row `name` printed under the path heading `heading` (default view). */
function rowUnder(lines: string[], heading: string, name: string): string[] {
    const starts = lines.flatMap((line, i) => line === heading ? [i] : []);
    expect(starts.length, `heading ${heading}`).toBeGreaterThan(0);
    for (const start of starts) {
        for (let i = start + 1; i < lines.length && lines[i].startsWith('  '); i++) {
            if (cells(lines[i])[0] === name) return cells(lines[i]);
        }
    }
    throw new Error(`no row ${name} under ${heading}`);
}

/** The cells of the first line whose first cell is `name`. */
function row(lines: string[], name: string): string[] {
    const line = lines.find(l => cells(l)[0] === name);
    if (line === undefined) throw new Error(`no row ${name}`);
    return cells(line);
}

/** A --wide table: its rows between the two rules, and each numeric column read by the header's right edge. */
function wideTable(lines: string[]) {
    const header = lines[2];
    const rules = lines.flatMap((line, i) => /^-+$/.test(line) ? [i] : []);
    expect(rules.length).toBe(2);
    const body = lines.slice(rules[0] + 1, rules[1]);
    const rows = body.filter(line => !line.startsWith('stage '));
    const number = (line: string, label: string) => {
        const end = header.indexOf(label) + label.length;
        return line.slice(0, end).split(/\s+/).pop()!;
    };
    const count = (line: string, label: string) => Number(number(line, label).replace(/,/g, ''));
    const tapStart = header.endsWith(' tap') ? header.length - 3 : -1;
    const tap = (line: string) => tapStart < 0 ? '' : line.slice(tapStart).trim();
    const sum = (label: string, keep: (line: string) => boolean = () => true) =>
        rows.filter(keep).reduce((total, line) => total + count(line, label), 0);
    return { header, body, rows, after: lines.slice(rules[1] + 1), number, count, tap, sum };
}

describe('the default table fits 80 columns', () => {
    it.each(EXAMPLES)('%s: every network, every --by and --depth, no line over 80 columns', file => {
        // The networks the file declares, read from its text.
        const names = [...readFileSync(file, 'utf8').matchAll(/^network\s+(\w+)/gm)].map(match => match[1]);
        expect(names.length).toBeGreaterThan(0);
        let summary: string[] | undefined;
        for (const view of VIEWS) {
            const stdout = analyze(file, ...view);
            const tooWide = stdout.split('\n').filter(line => columns(line) > 80);
            expect(tooWide, `${file} ${view.join(' ')}`).toEqual([]);
            const tables = networks(stdout);
            expect([...tables.keys()], `${file} ${view.join(' ')}`).toEqual(names);
            for (const [name, lines] of tables) {
                expect(lines.filter(line => /^-+$/.test(line)), `${name}: two rules`).toHaveLength(2);
                expect(lines.some(line => line.startsWith('total ')), `${name}: a total line`).toBe(true);
            }
            // --by and --depth only collapse rows: the totals and the summary never change.
            const totals = stdout.split("\n").filter(line => /^(total |params |MACs |activation memory |peak )/.test(line)).map(line => cells(line).join("  "));
            expect(totals.length).toBe(5 * names.length);
            if (summary === undefined) summary = totals;
            else expect(totals, `${file} ${view.join(' ')}`).toEqual(summary);
        }
    }, 120_000);
});

describe('the default view', () => {
    it('prints the lecture AlexNet in KiB (total under 10 MiB), with the live column of §8.9', () => {
        const [alexnet] = networks(analyze('examples/alexnet.cnn', '--network', 'AlexNet')).values();
        expect(alexnet[0]).toBe('AlexNet: input 3×227×227 -> output 1000');
        expect(cells(alexnet[2])).toEqual(['layer', 'output', 'mem KiB', 'live KiB', 'params', '%', 'MACs', '%']);
        // REFERENCE-NUMBERS.md, the lecture's AlexNet: conv1 64×56×56, 784.00 KB, 23,296 params, 72,855,552 MACs
        // of 61,100,840 params and 716,767,232 MACs: 23,296 / 61,100,840 = 0.04 % -> 0.0; 72,855,552 / 716,767,232 = 10.16 % -> 10.2.
        // live (§8.9): conv1 reads the input 3×227×227 = 154,587 elements and writes 64×56×56 = 200,704;
        // both are alive while it runs: (154,587 + 200,704) × 4 = 1,421,164 bytes = 1,387.86 KiB.
        expect(pct(23_296, 61_100_840)).toBe('0.0');
        expect(pct(72_855_552, 716_767_232)).toBe('10.2');
        expect((154_587 + 200_704) * 4).toBe(1_421_164);
        expect((1_421_164 / 1024).toFixed(2)).toBe('1387.86');
        expect(row(alexnet, 'conv1')).toEqual(['conv1', '64×56×56', '784.00', '1,387.86', '23.3K', '0.0', '72.9M', '10.2']);
        // relu_1 is in place: no new tensor (`-`); the input was last read by conv1 and is freed,
        // so only conv1's 200,704 elements are alive: 784.00 KiB.
        expect(row(alexnet, 'relu_1')).toEqual(['relu_1', '64×56×56', '-', '784.00', '0', '0', '0', '0']);
        // pool1 reads conv1's tensor (784.00) and writes 64×27×27 × 4 B = 182.25 KiB: 966.25 KiB alive.
        expect(row(alexnet, 'pool1 (maxpool)')).toEqual(['pool1 (maxpool)', '64×27×27', '182.25', '966.25', '0', '0', '0', '0']);
        // flatten is a view: `-`, and it keeps pool5's 256×6×6 × 4 B = 36.00 KiB alive.
        expect(row(alexnet, 'flatten_1')).toEqual(['flatten_1', '9216', '-', '36.00', '0', '0', '0', '0']);
        // REFERENCE-NUMBERS.md: fc8 3.91 KB, 4,097,000 params (6.7 %), 4,096,000 MACs (0.6 %); live = fc7's 16 KiB + 3.91.
        expect(row(alexnet, 'fc8')).toEqual(['fc8', '1000', '3.91', '19.91', '4.1M', '6.7', '4.1M', '0.6']);
        // Totals: memory conv+pool+fc outputs 2,303.16 KiB (REFERENCE-NUMBERS.md: 2303.2 KB), peak = conv1's live bytes.
        expect(row(alexnet, 'total')).toEqual(['total', '1000', '2,303.16', '1,387.86', '61.1M', '100.0', '717M', '100.0']);
        expect(alexnet).toContain('peak activation memory 1,421,164 bytes (1.36 MiB)');
    });

    it('prints ResNet-50 in MiB under path headings, with stage shares from the reference', () => {
        const lines = analyze('examples/resnet50.cnn').split('\n');
        expect(cells(lines[2])).toEqual(['layer', 'output', 'mem MiB', 'live MiB', 'params', '%', 'MACs', '%']);
        expect(lines).toContain('stem/ResNetStem');
        expect(lines).toContain('layer2/Bottleneck#1/residual/shortcut');
        // REFERENCE-NUMBERS.md, resnet50 per stage: layer3 7,098,368 params and 1,464,336,384 MACs
        // of 25,557,032 and 4,089,184,256: 7,098,368 / 25,557,032 = 27.77 % -> 27.8;
        // 1,464,336,384 / 4,089,184,256 = 35.81 % -> 35.8.
        expect(pct(7_098_368, 25_557_032)).toBe('27.8');
        expect(pct(1_464_336_384, 4_089_184_256)).toBe('35.8');
        // Memory of layer3 by hand: Bottleneck#1 writes 256×28×28 twice (conv, bn: 784 KiB each), 256×14×14 twice
        // (196 each), 1024×14×14 five times (conv, bn, projection conv, bn, add: 784 each) = 5,880 KiB; each of
        // the five others 196 × 4 + 784 × 3 = 3,136 KiB; 5,880 + 5 × 3,136 = 21,560 KiB = 21.05 MiB.
        // Live: at the projection conv_28 its input 512×28×28 (1,568 KiB), bn_27's output (784, read by the add)
        // and its own output (784) are alive: 3,136 KiB = 3.06 MiB.
        expect(row(lines, 'stage layer3')).toEqual(['stage layer3', '1024×14×14', '21.05', '3.06', '7.1M', '27.8', '1.46G', '35.8']);
        // The other stages' shares (same reference): 9,536 / 118,013,952; 215,808 / 667,942,912;
        // 1,219,584 / 1,027,604,480; 14,964,736 / 809,238,528; head = avgpool + fc 2,049,000 / 2,048,000.
        const stages: [string, number, number][] = [
            ['stem', 9_536, 118_013_952], ['layer1', 215_808, 667_942_912], ['layer2', 1_219_584, 1_027_604_480],
            ['layer3', 7_098_368, 1_464_336_384], ['layer4', 14_964_736, 809_238_528], ['head', 2_049_000, 2_048_000]
        ];
        for (const [stage, params, macs] of stages) {
            const shares = row(lines, `stage ${stage}`);
            expect([stage, shares[5], shares[7]]).toEqual([stage, pct(params, 25_557_032), pct(macs, 4_089_184_256)]);
        }
        // Peak (§8.9) 9,408 KiB = 9,633,792 bytes = 9.19 MiB: at layer1/Bottleneck#1's shortcut bn_5, bn_4's output
        // (read by the add), conv_5's and bn_5's, 256×56×56 × 4 B = 3,136 KiB each.
        expect(rowUnder(lines, 'layer1/Bottleneck#1/residual/shortcut', 'bn_5')).toEqual(['bn_5', '256×56×56', '3.06', '9.19', '512', '0.0', '0', '0']);
        expect(row(lines, 'total')).toEqual(['total', '1000', '106.62', '9.19', '25.6M', '100.0', '4.09G', '100.0']);
        expect(lines).toContain('params 25,557,032 (25.6M; 97.5 MiB), buffers 53,120');
        expect(lines).toContain('MACs 4,089,184,256 (4.09G; FLOPs 8.18G), other ops 28,148,736');
        expect(lines).toContain('peak activation memory 9,633,792 bytes (9.19 MiB)');
    });

    it('switches from KiB to MiB when the total reaches 10 MiB', () => {
        // 1×1024×640 floats = 2,621,440 B = 2.5 MiB; four bn rows write exactly 10 MiB.
        const ten = analyze(tempFile('ten.cnn', 'network Ten {\n    input 1x1024x640\n    bn\n    bn\n    bn\n    bn\n}\n')).split('\n');
        expect(cells(ten[2]).slice(2, 4)).toEqual(['mem MiB', 'live MiB']);
        expect(row(ten, 'total').slice(0, 4)).toEqual(['total', '1×1024×640', '10.00', '5.00']);
        // The last row an avgpool 2x2 stride 1 instead: 1×1023×639 × 4 = 2,614,788 B; total
        // 3 × 2,621,440 + 2,614,788 = 10,479,108 B < 10 MiB = 10,233.50 KiB.
        const under = analyze(tempFile('under.cnn', 'network Under {\n    input 1x1024x640\n    bn\n    bn\n    bn\n    avgpool 2x2 stride 1\n}\n')).split('\n');
        expect(cells(under[2]).slice(2, 4)).toEqual(['mem KiB', 'live KiB']);
        expect(row(under, 'total').slice(0, 4)).toEqual(['total', '1×1023×639', '10,233.50', '5,120.00']);
    });

    it('prints the legend for `-` and for the columns, and the tap legend only where there are taps', () => {
        const legend = 'memory - : no new tensor (an in-place activation, dropout, or a view: flatten)';
        const columnsLegend = "% : share of the network's total; live: the bytes alive while the row runs";
        const tapLegend = '(tap NAME) : a line of that tap; (+taps) : a line that includes tap rows';
        for (const view of VIEWS) {
            const resnet = analyze('examples/resnet50.cnn', ...view).split('\n');
            expect(resnet.slice(-3)).toEqual([legend, columnsLegend, '']);
            expect(resnet).not.toContain(tapLegend);
            const googlenet = analyze('examples/googlenet.cnn', ...view).split('\n');
            expect(googlenet.slice(-4)).toEqual([legend, columnsLegend, tapLegend, '']);
        }
    });

    it('collapses ResNet-50 with --by block and --depth 2: layer2/Bottleneck#1 as one line', () => {
        // By hand (torchvision layer2.0): 1×1 256→128 = 32,768; 3×3 128→128 stride 2 = 147,456; 1×1 128→512 = 65,536;
        // projection 1×1 256→512 stride 2 = 131,072; BNs 2 × (128 + 128 + 512 + 512) = 2,560: 379,392 params.
        // MACs: 32,768 × 56×56 + 147,456 × 28×28 + 65,536 × 28×28 + 131,072 × 28×28 = 372,506,624.
        // Memory: 128×56×56 twice (1,568 KiB each), 128×28×28 twice (392), 512×28×28 five times (1,568) = 11,760 KiB
        // = 11.48 MiB. Live: at the projection conv its input 256×56×56 (3,136 KiB), bn_14's output (1,568) and
        // its own (1,568): 6,272 KiB = 6.13 MiB.
        expect(32_768 + 147_456 + 65_536 + 131_072 + 2 * (128 + 128 + 512 + 512)).toBe(379_392);
        expect(32_768 * 3136 + 147_456 * 784 + 65_536 * 784 + 131_072 * 784).toBe(372_506_624);
        expect(pct(379_392, 25_557_032)).toBe('1.5');
        expect(pct(372_506_624, 4_089_184_256)).toBe('9.1');
        const expected = ['Bottleneck#1', '512×28×28', '11.48', '6.13', '379K', '1.5', '373M', '9.1'];
        for (const view of [['--by', 'block'], ['--depth', '2']]) {
            const lines = analyze('examples/resnet50.cnn', ...view).split('\n');
            expect(rowUnder(lines, 'layer2', 'Bottleneck#1'), view.join(' ')).toEqual(expected);
            // layer1 is a stage heading here, with three block lines and no layer rows.
            expect(lines.some(line => cells(line)[0] === 'conv_12'), view.join(' ')).toBe(false);
        }
        // --depth 3: the block's residual is one line (all its params), its relu another.
        const depth3 = analyze('examples/resnet50.cnn', '--depth', '3').split('\n');
        expect(rowUnder(depth3, 'layer2/Bottleneck#1', 'residual')).toEqual(['residual', '512×28×28', '11.48', '6.13', '379K', '1.5', '373M', '9.1']);
        expect(rowUnder(depth3, 'layer2/Bottleneck#1', 'relu_13')).toEqual(['relu_13', '512×28×28', '-', '1.53', '0', '0', '0', '0']);
    });

    it('collapses to one line per stage with --by stage and --depth 1', () => {
        for (const view of [['--by', 'stage'], ['--depth', '1']]) {
            const lines = analyze('examples/resnet50.cnn', ...view).split('\n');
            const rules = lines.flatMap((line, i) => /^-+$/.test(line) ? [i] : []);
            const body = lines.slice(rules[0] + 1, rules[1]).map(line => cells(line)[0]);
            expect(body, view.join(' ')).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head']);
            expect(row(lines, 'layer3'), view.join(' ')).toEqual(['layer3', '1024×14×14', '21.05', '3.06', '7.1M', '27.8', '1.46G', '35.8']);
        }
    });
});

describe('taps in the table', () => {
    // TORCHVISION-ALL.md: googlenet (no aux) 6,624,904 params, 1,498,376,192 MACs; googlenet+aux 13,004,888 and
    // 1,506,748,416. REFERENCE-NUMBERS.md: the two heads hold 3,188,968 and 3,191,016 params
    // (6,624,904 + 3,188,968 + 3,191,016 = 13,004,888).
    it('marks GoogLeNet aux classifiers and prints the without-taps line', () => {
        expect(6_624_904 + 3_188_968 + 3_191_016).toBe(13_004_888);
        expect(pct(6_624_904, 13_004_888)).toBe('50.9');
        expect(pct(1_498_376_192, 1_506_748_416)).toBe('99.4');
        const lines = analyze('examples/googlenet.cnn').split('\n');
        // Every row of a tap sits under a heading that says so; InceptionAux has 9 rows: adaptive pool,
        // BasicConv2d (conv, bn, relu), flatten, fc1, relu, dropout, fc2.
        for (const tap of ['aux1', 'aux2']) {
            const headings = lines.flatMap((line, i) => line.endsWith(`  (tap ${tap}: a side output)`) ? [i] : []);
            expect(headings.length, tap).toBeGreaterThan(0);
            let tapRows = 0;
            for (const start of headings) {
                for (let i = start + 1; lines[i].startsWith('  '); i++) tapRows++;
            }
            expect(tapRows, tap).toBe(9);
        }
        // aux1's first fc: 128×4×4 → 1024, 2,048 × 1,024 + 1,024 = 2,098,176 params, 2,097,152 MACs.
        expect(rowUnder(lines, 'inception4/aux1/InceptionAux  (tap aux1: a side output)', 'fc_1').slice(4))
            .toEqual(['2.1M', pct(2_098_176, 13_004_888), '2.1M', pct(2_097_152, 1_506_748_416)]);
        expect(row(lines, 'total')).toEqual(['total', '1000', '34.85', '6.13', '13M', '100.0', '1.51G', '100.0']);
        // 6,624,904 -> 6.62M, 1,498,376,192 -> 1.50G, written 1.5G. Memory: see the --wide test. No live cell.
        const without = lines.find(line => line.startsWith('without taps '))!;
        expect(cells(without)).toEqual(['without taps', '1000', '34.74', '6.62M', '50.9', '1.5G', '99.4']);
        expect(lines).toContain('without taps: params 6,624,904, MACs 1,498,376,192, memory 34.7 MiB');
        expect(lines).toContain('tap aux1: params 3,188,968, MACs 4,169,728, memory 55.9 KiB (included above)');
        expect(lines).toContain('tap aux2: params 3,191,016, MACs 4,202,496, memory 56.9 KiB (included above)');
        // aux1 + aux2 MACs = 1,506,748,416 − 1,498,376,192 = 8,372,224.
        expect(4_169_728 + 4_202_496).toBe(1_506_748_416 - 1_498_376_192);
    });

    it('marks the tap lines and the stage that holds them when collapsed', () => {
        // inception4 (REFERENCE-NUMBERS.md, googlenet per stage): 364,512 + 425,232 + 486,192 + 573,312 + 803,840
        // = 2,653,088, + both heads 6,379,984 = 9,033,072 -> 9.03M, 69.5 % of 13,004,888.
        expect(364_512 + 425_232 + 486_192 + 573_312 + 803_840 + 3_188_968 + 3_191_016).toBe(9_033_072);
        expect(pct(9_033_072, 13_004_888)).toBe('69.5');
        for (const view of [['--by', 'stage'], ['--depth', '1']]) {
            const lines = analyze('examples/googlenet.cnn', ...view).split('\n');
            expect(row(lines, 'inception4 (+taps)').slice(4, 6), view.join(' ')).toEqual(['9.03M', '69.5']);
            expect(cells(lines.find(line => line.startsWith('without taps '))!), view.join(' '))
                .toEqual(['without taps', '1000', '34.74', '6.62M', '50.9', '1.5G', '99.4']);
        }
        // Where the layer column is short (the per-layer views), the name gives way to the mark, never the mark.
        for (const view of [[], ['--by', 'layer'], ['--by', 'block'], ['--depth', '2'], ['--depth', '3']]) {
            const stage = analyze('examples/googlenet.cnn', ...view).split('\n').find(line => line.startsWith('stage incep') && line.includes('9.03M'));
            expect(stage, view.join(' ')).toMatch(/^stage incep\S* \(\+taps\) /);
        }
        const depth2 = analyze('examples/googlenet.cnn', '--depth', '2').split('\n');
        expect(rowUnder(depth2, 'inception4', 'aux1 (tap aux1)').slice(4)).toEqual(['3.19M', pct(3_188_968, 13_004_888), '4.17M', pct(4_169_728, 1_506_748_416)]);
        expect(rowUnder(depth2, 'inception4', 'aux2 (tap aux2)').slice(4)).toEqual(['3.19M', pct(3_191_016, 13_004_888), '4.2M', pct(4_202_496, 1_506_748_416)]);
        const byBlock = analyze('examples/googlenet.cnn', '--by', 'block').split('\n');
        expect(byBlock).toContain('inception4/aux1  (tap aux1: a side output)');
        expect(byBlock).toContain('inception4/aux2  (tap aux2: a side output)');
    });
});

describe('--wide: every column, exact', () => {
    // TORCHVISION-ALL.md (params, MACs) for the example networks that are torchvision models.
    const REFERENCE: Record<string, Record<string, [number, number]>> = {
        'examples/alexnet.cnn': { AlexNet: [61_100_840, 716_767_232], AlexNetTorchvision: [61_100_840, 714_188_480] },
        'examples/convnext.cnn': {
            ConvNeXtTiny: [28_589_128, 4_455_531_264], ConvNeXtSmall: [50_223_688, 8_683_712_256],
            ConvNeXtBase: [88_591_464, 15_354_729_472], ConvNeXtLarge: [197_767_336, 34_361_433_600]
        },
        'examples/densenet-family.cnn': {
            DenseNet121: [7_978_856, 2_834_161_664], DenseNet161: [28_681_000, 7_727_907_072],
            DenseNet169: [14_149_480, 3_359_843_328], DenseNet201: [20_013_928, 4_291_365_888]
        },
        'examples/densenet.cnn': { DenseNet121: [7_978_856, 2_834_161_664] },
        'examples/efficientnet-v2.cnn': { EfficientNetV2S: [21_458_488, 8_365_617_152] },
        'examples/efficientnet.cnn': {
            EfficientNetB0: [5_288_548, 385_814_752], EfficientNetB1: [7_794_184, 686_802_832],
            EfficientNetB2: [9_109_994, 1_087_529_456], EfficientNetB3: [12_233_232, 1_827_141_392],
            EfficientNetB4: [19_341_616, 4_393_771_024], EfficientNetB5: [30_389_784, 10_266_384_752],
            EfficientNetB6: [43_040_704, 19_067_593_536], EfficientNetB7: [66_347_960, 37_745_884_192]
        },
        'examples/googlenet.cnn': { GoogLeNet: [13_004_888, 1_506_748_416] },
        'examples/inception-v3-factorised.cnn': { InceptionV3: [23_834_568, 5_713_216_096] },
        'examples/inception-v3.cnn': { InceptionV3: [27_161_264, 5_718_899_296] },
        'examples/mnasnet.cnn': {
            MNASNet0_5: [2_218_512, 104_455_968], MNASNet0_75: [3_170_208, 215_493_104],
            MNASNet1_0: [4_383_312, 314_415_872], MNASNet1_3: [6_282_256, 526_362_432]
        },
        'examples/mobilenet-v2.cnn': { MobileNetV2: [3_504_872, 300_774_272] },
        'examples/mobilenet-v3.cnn': { MobileNetV3Large: [5_483_032, 216_589_760], MobileNetV3Small: [2_542_856, 56_510_400] },
        'examples/mobilenet.cnn': { MobileNetV2: [3_504_872, 300_774_272], MobileNetV3Large: [5_483_032, 216_589_760] },
        'examples/regnet.cnn': {
            RegNetX_400MF: [5_495_976, 413_812_608], RegNetX_800MF: [7_259_656, 799_699_712],
            RegNetX_1_6GF: [9_190_136, 1_602_849_792], RegNetX_3_2GF: [15_296_552, 3_176_621_952],
            RegNetX_8GF: [39_572_648, 7_995_132_416], RegNetX_16GF: [54_278_536, 15_940_755_456],
            RegNetX_32GF: [107_811_560, 31_735_929_792], RegNetY_400MF: [4_344_144, 401_842_848],
            RegNetY_800MF: [6_432_512, 833_856_256], RegNetY_1_6GF: [11_202_430, 1_612_076_160],
            RegNetY_3_2GF: [19_436_338, 3_176_482_752], RegNetY_8GF: [39_381_472, 8_473_070_592],
            RegNetY_16GF: [83_590_140, 15_911_510_272], RegNetY_32GF: [145_046_770, 32_279_552_832]
        },
        'examples/resnet.cnn': {
            ResNet34: [21_797_672, 3_663_761_408], ResNet101: [44_549_160, 7_801_405_440], ResNet152: [60_192_808, 11_513_626_624]
        },
        'examples/resnet18.cnn': { ResNet18: [11_689_512, 1_814_073_344] },
        'examples/resnet50.cnn': { ResNet50: [25_557_032, 4_089_184_256] },
        'examples/resnext.cnn': { ResNeXt50_32x4d: [25_028_904, 4_230_479_872], ResNeXt101_32x8d: [88_791_336, 16_414_015_488] },
        'examples/shufflenet-v2.cnn': {
            ShuffleNetV2_x0_5: [1_366_792, 40_476_448], ShuffleNetV2_x1_0: [2_278_604, 144_907_992],
            ShuffleNetV2_x1_5: [3_503_624, 295_759_392], ShuffleNetV2_x2_0: [7_393_996, 583_253_464]
        },
        'examples/shufflenet.cnn': { ShuffleNetV2_x1_0: [2_278_604, 144_907_992] },
        'examples/squeezenet.cnn': { SqueezeNet1_0: [1_248_424, 818_924_576] },
        'examples/vgg.cnn': {
            VGG11: [132_863_336, 7_609_090_048], VGG13: [133_047_848, 11_308_466_176], VGG16: [138_357_544, 15_470_264_320],
            VGG19: [143_667_240, 19_632_062_464], VGG16_BN: [138_365_992, 15_470_264_320]
        },
        'examples/vgg16.cnn': { VGG16: [138_357_544, 15_470_264_320] },
        'examples/wide-resnet.cnn': { WideResNet50_2: [68_883_240, 11_398_021_120] }
    };

    it.each(EXAMPLES)('%s: totals as torchvision counts them, no rounded number, rows summing to the total', file => {
        const tables = networks(analyze(file, '--wide'));
        for (const [name, lines] of tables) {
            const table = wideTable(lines);
            expect(cells(table.header).slice(0, 10), name).toEqual(['layer', 'op', 'output', 'memory (KiB)', 'memory %', 'live (KiB)', 'params', 'params %', 'MACs', 'MACs %']);
            // Exact cells only: no 25.6M, 4.09G or <0.01 anywhere in the table.
            for (const line of table.body) {
                for (const label of ['memory (KiB)', 'live (KiB)', 'params', 'MACs']) {
                    expect(table.number(line, label), `${name}: ${line}`).toMatch(/^(-|\d{1,3}(,\d{3})*(\.\d\d)?)$/);
                }
            }
            const total = table.after.find(line => line.startsWith('total '))!;
            // The rows are exact: they add up to the total line.
            expect(table.sum('params'), name).toBe(table.count(total, 'params'));
            expect(table.sum('MACs'), name).toBe(table.count(total, 'MACs'));
            const reference = REFERENCE[file]?.[name];
            if (reference) {
                expect([name, table.number(total, 'params'), table.number(total, 'MACs')])
                    .toEqual([name, exact(reference[0]), exact(reference[1])]);
            }
        }
    }, 120_000);

    it('gives ResNet-50 per stage and per block as torchvision, in every collapsed view', () => {
        // REFERENCE-NUMBERS.md, resnet50 per stage (head = avgpool + fc).
        const stages: [string, number, number][] = [
            ['stem', 9_536, 118_013_952], ['layer1', 215_808, 667_942_912], ['layer2', 1_219_584, 1_027_604_480],
            ['layer3', 7_098_368, 1_464_336_384], ['layer4', 14_964_736, 809_238_528], ['head', 2_049_000, 2_048_000]
        ];
        for (const view of VIEWS) {
            const [lines] = networks(analyze('examples/resnet50.cnn', '--wide', ...view)).values();
            const table = wideTable(lines);
            const total = table.after.find(line => line.startsWith('total '))!;
            expect(cells(total), view.join(' ')).toEqual(['total', '1000', '109,183.91', '100.0', '9,408.00', '25,557,032', '100.0', '4,089,184,256', '100.0']);
            expect(table.sum('params'), view.join(' ')).toBe(25_557_032);
            expect(table.sum('MACs'), view.join(' ')).toBe(4_089_184_256);
            const byStage = view[0] === '--by' && view[1] === 'stage' || view[0] === '--depth' && view[1] === '1';
            for (const [stage, params, macs] of stages) {
                // A stage's line; a stage of one block line (stem, head with --by block) has no subtotal: that line is it.
                const inStage = table.rows.filter(l => cells(l).at(-1) === stage || cells(l).at(-1)!.startsWith(`${stage}/`));
                const line = table.body.find(l => l.startsWith(byStage ? `${stage} ` : `stage ${stage} `)) ?? (inStage.length === 1 ? inStage[0] : undefined);
                expect(line, `${view.join(' ')}: ${stage}`).toBeDefined();
                expect([view.join(' '), stage, table.number(line!, 'params'), table.number(line!, 'MACs'), table.number(line!, 'params %'), table.number(line!, 'MACs %')])
                    .toEqual([view.join(' '), stage, exact(params), exact(macs), pct(params, 25_557_032), pct(macs, 4_089_184_256)]);
            }
        }
        // layer2/Bottleneck#1 (hand arithmetic in the default-view test): 379,392 params, 372,506,624 MACs, 11,760 KiB.
        for (const view of [['--by', 'block'], ['--depth', '2']]) {
            const [lines] = networks(analyze('examples/resnet50.cnn', '--wide', ...view)).values();
            const block = lines.find(line => line.endsWith('  layer2/Bottleneck#1'))!;
            expect(cells(block), view.join(' ')).toEqual(['Bottleneck#1', '12 rows', '512×28×28', '11,760.00', '10.8', '6,272.00', '379,392', '1.5', '372,506,624', '9.1', 'layer2/Bottleneck#1']);
        }
    });

    it('gives GoogLeNet without its taps as torchvision counts it', () => {
        const [lines] = networks(analyze('examples/googlenet.cnn', '--wide')).values();
        const table = wideTable(lines);
        expect(cells(table.header).slice(-2)).toEqual(['path', 'tap']);
        // Rows marked with a tap are exactly the two InceptionAux heads (9 rows each).
        expect(table.rows.filter(line => table.tap(line) === 'aux1')).toHaveLength(9);
        expect(table.rows.filter(line => table.tap(line) === 'aux2')).toHaveLength(9);
        // Rows without a tap add up to torchvision's googlenet (TORCHVISION-ALL.md, no aux).
        expect(table.sum('params', line => table.tap(line) === '')).toBe(6_624_904);
        expect(table.sum('MACs', line => table.tap(line) === '')).toBe(1_498_376_192);
        expect(table.sum('params', line => table.tap(line) === 'aux1')).toBe(3_188_968);
        expect(table.sum('params', line => table.tap(line) === 'aux2')).toBe(3_191_016);
        expect(table.tap(table.body.find(line => line.startsWith('stage inception4 '))!)).toBe('aux1,aux2');
        const total = table.after.find(line => line.startsWith('total '))!;
        expect(cells(total).filter((_, i) => [0, 1, 5, 6, 7, 8].includes(i))).toEqual(['total', '1000', '13,004,888', '100.0', '1,506,748,416', '100.0']);
        // Memory without taps: aux1 writes 512×4×4 + 128×4×4 (conv) + 128×4×4 (bn) + 1024 + 1000 = 14,312 elements,
        // aux2 528×4×4 + 2,048 + 2,048 + 1,024 + 1,000 = 14,568 (flatten, relu, dropout write nothing):
        // (14,312 + 14,568) × 4 = 115,520 bytes less than the total.
        const totalBytes = Number(/^activation memory ([\d,]+) bytes/m.exec(table.after.join('\n'))![1].replace(/,/g, ''));
        const withoutBytes = totalBytes - (14_312 + 14_568) * 4;
        const without = table.after.find(line => line.startsWith('without taps '))!;
        expect(cells(without)).toEqual(['without taps', '1000', kib(withoutBytes), pct(withoutBytes, totalBytes), '6,624,904', '50.9', '1,498,376,192', '99.4']);
    });

    it('gives Inception-v3 without its AuxLogits as torchvision counts it', () => {
        // TORCHVISION-ALL.md: inception_v3 27,161,264 params, 5,718,899,296 MACs with aux;
        // inception_v3-noaux 23,834,568 and 5,713,216,096. AuxLogits: 3,326,696 params (REFERENCE-NUMBERS.md).
        expect(27_161_264 - 23_834_568).toBe(3_326_696);
        const [lines] = networks(analyze('examples/inception-v3.cnn', '--wide')).values();
        const table = wideTable(lines);
        const without = table.after.find(line => line.startsWith('without taps '))!;
        expect([table.number(without, 'params'), table.number(without, 'MACs')]).toEqual(['23,834,568', '5,713,216,096']);
        expect(table.sum('params', line => table.tap(line) === '')).toBe(23_834_568);
        expect(table.sum('MACs', line => table.tap(line) === '')).toBe(5_713_216_096);
        expect(table.after).toContain('tap AuxLogits: params 3,326,696, MACs 5,683,200, memory 113 KiB (included above)');
    });
});
