import { describe, expect, it } from 'vitest';
import { cnn, tempFile } from './run-cli.js';

describe('cnn analyze', () => {
    it('prints the lecture table for AlexNet (--wide: every column, exact)', () => {
        const { status, stdout, stderr } = cnn('analyze', 'examples/alexnet.cnn', '--wide');
        expect(status).toBe(0);
        const lines = stdout.split('\n');
        expect(lines[0]).toBe('AlexNet: input 3×227×227 -> output 1000');
        expect(lines[2].trim().split(/\s{2,}/)).toEqual(['layer', 'op', 'output', 'memory (KiB)', 'memory %', 'live (KiB)', 'params', 'params %', 'MACs', 'MACs %']);
        // memory, params, MACs: the lecture's columns; live: §8.9 (conv1 reads 154,587 and writes 200,704 elements).
        const cells = (name: string) => lines.find(line => line.startsWith(name + ' '))!.trim().split(/\s{2,}/);
        expect(cells('conv1')).toEqual(['conv1', 'conv', '64×56×56', '784.00', '34.0', '1,387.86', '23,296', '0.0', '72,855,552', '10.2']);
        expect(cells('pool1')).toEqual(['pool1', 'maxpool', '64×27×27', '182.25', '7.9', '966.25', '0', '0', '0', '0']);
        expect(cells('conv2')).toEqual(['conv2', 'conv', '192×27×27', '546.75', '23.7', '729.00', '307,392', '0.5', '223,948,800', '31.2']);
        expect(cells('fc8')).toEqual(['fc8', 'fc', '1000', '3.91', '0.2', '19.91', '4,097,000', '6.7', '4,096,000', '0.6']);
        expect(cells('total')).toEqual(['total', '1000', '2,303.16', '100.0', '1,387.86', '61,100,840', '100.0', '716,767,232', '100.0']);
        expect(stdout).toContain('activation memory 2,358,432 bytes (2.25 MiB)');
        expect(stderr).toBe('examples/alexnet.cnn:15:12: warning inexact: pool1: (56 − 3) / 2 is not whole: the last input row and column are never seen\n');
    });

    it('prints stage subtotals', () => {
        const { stdout } = cnn('analyze', 'examples/resnet50.cnn', '--wide');
        const stage = stdout.split('\n').find(line => line.startsWith('stage layer1'))!.trim().split(/\s{2,}/);
        // 43,904 of 109,183.91 KiB; 215,808 of 25,557,032 params; 667,942,912 of 4,089,184,256 MACs.
        expect(stage).toEqual(['stage layer1', '256×56×56', '43,904.00', '40.2', '9,408.00', '215,808', '0.8', '667,942,912', '16.3', 'layer1']);
    });

    it('prints the JSON schema', () => {
        const { status, stdout } = cnn('analyze', 'examples/resnet18.cnn', '--format', 'json');
        expect(status).toBe(0);
        const report = JSON.parse(stdout);
        expect(Object.keys(report)).toEqual(['file', 'networks', 'diagnostics']);
        expect(report.file).toBe('examples/resnet18.cnn');
        const [network] = report.networks;
        expect(Object.keys(network)).toEqual(['name', 'input', 'output', 'totals', 'layers', 'stages', 'taps']);
        expect(network.input).toEqual([3, 224, 224]);
        expect(network.output).toEqual([1000]);
        expect(network.totals).toEqual({
            params: 11_689_512, buffers: 9_600, macs: 1_814_073_344, flops: 3_628_146_688,
            otherOps: 7_375_872, memoryBytes: 23_689_120, paramBytes: 46_758_048,
            // LANGUAGE.md §8.9: at bn_1, conv_1's and bn_1's 64×112×112 tensors.
            peakMemoryBytes: 6_422_528
        });
        expect(network.layers[0]).toEqual({
            name: 'conv_1', op: 'conv', path: 'stem/ResNetStem', input: [3, 224, 224], output: [64, 112, 112],
            params: 9_408, macs: 118_013_952, memoryBytes: 3_211_264, line: 9, column: 5, liveBytes: 3_813_376,
            file: 'examples/blocks/resnet.cnn'
        });
        expect(network.stages.map((s: { name: string }) => s.name)).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head']);
        expect(network.stages[1]).toEqual({ name: 'layer1', output: [64, 56, 56], params: 147_968, macs: 462_422_016, memoryBytes: 8_028_160, path: 'layer1' });
        expect(report.diagnostics).toEqual([]);
    });

    it('writes counts past 2^53 as strings in JSON', () => {
        const file = tempFile('huge.cnn', 'network Huge {\n    input 100000x1000x1000\n    conv 100000 99x99 pad 49\n}\n');
        const report = JSON.parse(cnn('analyze', file, '--format', 'json').stdout);
        expect(report.networks[0].totals.macs).toBe('98010000000000000000');
        expect(report.networks[0].totals.params).toBe(98_010_000_100_000);
    });

    it('reports diagnostics in JSON with 1-based lines and code-point columns', () => {
        const file = tempFile('bad.cnn', '// é😀\nnetwork N {\n    input 3x8x8\n    /* 😀 */ conv 8 3x3 in 5\n}\n');
        const { status, stdout } = cnn('analyze', file, '--format', 'json');
        expect(status).toBe(1);
        expect(JSON.parse(stdout).diagnostics).toEqual([{
            severity: 'error', code: 'in-mismatch', message: 'conv expects 5 input channels, receives 3',
            line: 4, column: 13, endLine: 4, endColumn: 28
        }]);
    });

    it('scales memory and MACs with --bytes and --batch', () => {
        const report = JSON.parse(cnn('analyze', 'examples/alexnet.cnn', '--format', 'json', '--bytes', '2', '--batch', '8').stdout);
        expect(report.networks[0].totals.memoryBytes).toBe(589_608 * 2 * 8);
        expect(report.networks[0].totals.macs).toBe(716_767_232 * 8);
        expect(report.networks[0].totals.params).toBe(61_100_840);
        expect(report.networks[0].totals.paramBytes).toBe(61_100_840 * 2);
    });

    it('prints CSV with exact integers', () => {
        const lines = cnn('analyze', 'examples/alexnet.cnn', '--network', 'AlexNet', '--format', 'csv').stdout.trim().split('\n');
        expect(lines[0]).toBe('network,name,op,path,input,output,params,buffers,macs,other_ops,memory_bytes,tap,live_bytes,params_pct,macs_pct,memory_pct');
        // conv1: 23,296 of 61,100,840 params, 72,855,552 of 716,767,232 MACs, 784 of 2,303.16 KiB; live 1,421,164 bytes (§8.9).
        expect(lines[1]).toBe('AlexNet,conv1,conv,,3x227x227,64x56x56,23296,0,72855552,0,802816,,1421164,0.04,10.16,34.04');
        expect(lines).toHaveLength(20);
    });

    it('prints a markdown table', () => {
        const { stdout } = cnn('analyze', 'examples/vgg16.cnn', '--format', 'markdown');
        const lines = stdout.split('\n');
        expect(lines[0]).toBe('## VGG16');
        expect(lines).toContain('| layer | op | output | memory (KiB) | memory % | live (KiB) | params | params % | MACs | MACs % | path |');
        // conv1_1: 12,544 of 59,031.91 KiB; live = its 3×224×224 input and its output, 588 + 12,544 KiB.
        expect(lines).toContain('| conv1_1 | conv | 64×224×224 | 12,544.00 | 21.2 | 13,132.00 | 1,792 | 0.0 | 86,704,128 | 0.6 | block1 |');
        expect(lines).toContain('| **total** |  | **1000** | **59,031.91** | **100.0** | **25,088.00** | **138,357,544** | **100.0** | **15,470,264,320** | **100.0** |  |');
    });

    it('selects one network with --network', () => {
        const file = tempFile('two.cnn', 'network A { input 3x2x2 relu }\nnetwork B { input 3x2x2 fc 7 }\n');
        const { stdout } = cnn('analyze', file, '--network', 'B', '--format', 'json');
        expect(JSON.parse(stdout).networks.map((n: { name: string; output: number[] }) => [n.name, n.output])).toEqual([['B', [7]]]);
    });

    it.each([
        [['analyze', 'examples/nope.cnn'], `cnn: cannot read 'examples/nope.cnn': no such file\n`],
        [['analyze', 'examples'], `cnn: cannot read 'examples': is a directory\n`],
        [['analyze', 'examples/alexnet.cnn', '--network', 'VGG'], `cnn: no network 'VGG' in 'examples/alexnet.cnn' (networks: AlexNet, AlexNetTorchvision)\n`],
        [['analyze', 'examples/alexnet.cnn', '--format', 'xml'], `cnn: error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, markdown.\n`],
        [['analyze', 'examples/alexnet.cnn', '--batch', '0'], `cnn: error: option '--batch <n>' argument '0' is invalid. must be a positive integer.\n`],
        [['analyze', 'examples/alexnet.cnn', '--frobnicate'], `cnn: error: unknown option '--frobnicate'\n`],
        [['analyze'], `cnn: error: missing required argument 'file'\n`],
        [['check', 'missing.cnn'], `cnn: cannot read 'missing.cnn': no such file\n`]
    ])('exits 2 with one clear line: %j', (args, message) => {
        const { status, stdout, stderr } = cnn(...args);
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toBe(message);
    });
});

describe('cnn check', () => {
    it('exits 0 on files without errors, printing warnings', () => {
        const { status, stdout } = cnn('check', 'examples/resnet50.cnn', 'examples/alexnet.cnn');
        expect(status).toBe(0);
        expect(stdout).toBe('examples/alexnet.cnn:15:12: warning inexact: pool1: (56 − 3) / 2 is not whole: the last input row and column are never seen\n');
    });

    it('prints file:line:col: severity code: message and exits 1 on errors', () => {
        const file = tempFile('mismatch.cnn', [
            'network N {',
            '    input 64x56x56',
            '    residual { conv 256 1x1 }',
            '    conv 8 3x3 strid 2',
            '}'
        ].join('\n'));
        const { status, stdout } = cnn('check', file);
        expect(status).toBe(1);
        expect(stdout.split('\n').filter(Boolean)).toEqual([
            `${file}:3:5: error residual-mismatch: residual: body gives 256×56×56, shortcut gives 64×56×56 (channels 256 ≠ 64); use 'shortcut projection'`,
            `${file}:4:16: error syntax-error: unknown option 'strid' of conv; did you mean 'stride'? (conv takes stride, pad, groups, dilation, nobias, in)`
        ]);
    });
});

describe('cnn compare', () => {
    it("reproduces the lecture's AlexNet vs VGG-16 comparison: 25× memory, 2.3× params", () => {
        const { status, stdout } = cnn('compare', 'examples/alexnet.cnn', 'examples/vgg16.cnn', '--format', 'json');
        expect(status).toBe(0);
        const { networks } = JSON.parse(stdout);
        expect(networks.map((n: { name: string; baseline: boolean }) => [n.name, n.baseline])).toEqual([
            ['AlexNetTorchvision', false], ['AlexNet', true], ['VGG16', false]
        ]);
        const vgg = networks[2];
        expect([vgg.params, vgg.macs, vgg.memoryBytes, vgg.top1, vgg.source]).toEqual([138_357_544, 15_470_264_320, 60_448_672, 71.592, 'torchvision IMAGENET1K_V1']);
        expect(vgg.ratios.params).toBeCloseTo(138_357_544 / 61_100_840, 12);
        expect(vgg.ratios.memoryBytes).toBeCloseTo(60_448_672 / 2_358_432, 12);
        expect(vgg.ratios.macs).toBeCloseTo(15_470_264_320 / 716_767_232, 12);
    });

    it('prints a table sorted by accuracy, leaving taps out, with ratios to the first network', () => {
        const { stdout } = cnn('compare', 'examples/googlenet.cnn', 'examples/resnet50.cnn', 'examples/alexnet.cnn', '--sort', 'top1');
        expect(stdout.split('\n').filter(Boolean).map(line => line.split(/\s{2,}/))).toEqual([
            ['network', 'file', 'params', 'MACs', 'memory', 'top-1 %', 'params ×', 'MACs ×', 'memory ×'],
            ['ResNet50', 'examples/resnet50.cnn', '25.6M', '4.09G', '107 MiB', '76.13', '3.86×', '2.73×', '3.07×'],
            ['GoogLeNet (baseline)', 'examples/googlenet.cnn', '6.62M', '1.5G', '34.7 MiB', '69.78', '1×', '1×', '1×'],
            ['AlexNet', 'examples/alexnet.cnn', '61.1M', '717M', '2.25 MiB', '56.52', '9.22×', '0.478×', '0.0647×'],
            ['AlexNetTorchvision', 'examples/alexnet.cnn', '61.1M', '714M', '2.26 MiB', '56.52', '9.22×', '0.477×', '0.065×'],
            // Said in both places: analyze's summary has the same figures on its 'without taps' line.
            ["params, MACs and memory leave taps out (side outputs such as auxiliary classifiers), as the 'without taps' line of cnn analyze does"],
            ['GoogLeNet (examples/googlenet.cnn): taps aux1, aux2 left out; cnn analyze counts them in its totals']
        ]);
    });

    it('leaves out a network with errors and exits 1', () => {
        const file = tempFile('broken.cnn', 'network Broken { input 3x8x8 fc 10 conv 3 1x1 }\n');
        const { status, stdout, stderr } = cnn('compare', 'examples/alexnet.cnn', file, '--format', 'csv');
        expect(status).toBe(1);
        expect(stderr).toBe(`cnn: ${file}: network Broken is incomplete: error at 1:36 and is left out (see 'cnn check ${file}')\n`);
        expect(stdout.split('\n')[0]).toBe('network,file,params,macs,memory_bytes,top1,source,params_ratio,macs_ratio,memory_ratio');
        expect(stdout.trim().split('\n')).toHaveLength(3);
    });
});
