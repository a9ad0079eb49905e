import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnn, tempFile } from './run-cli.js';

const halfTyped = 'network N {\n    input 3x32x32\n    conv 8 3x3 pad 1, relu\n    conv 64 3x\n    relu\n}\n';

describe('honest partial results (LANGUAGE.md §8.11)', () => {
    it('analyze names the syntax error that stops the table, in its header and total line, and exits 1', () => {
        const file = tempFile('half.cnn', halfTyped);
        const { status, stdout, stderr } = cnn('analyze', file);
        expect(status).toBe(1);
        const lines = stdout.split('\n');
        expect(lines[0]).toBe('N: input 3×32×32 -> incomplete: syntax error at 4:14');
        const total = lines.findIndex(line => line.startsWith('total'));
        expect(lines[total + 1]).toBe('incomplete: syntax error at 4:14: the totals cover the rows above it');
        expect(stderr).toBe(`${file}:4:14: error syntax-error: conv needs a kernel size: conv 64 3x3\n`);
        const wide = cnn('analyze', file, '--wide').stdout.split('\n');
        expect(wide.find(line => line.startsWith('total'))!.trim().split(/\s{2,}/))
            .toEqual(['total', '?', '32.00', '100.0', '44.00', '224', '100.0', '221,184', '100.0', 'incomplete: syntax error at 4:14']);
    });

    it('analyze --format json gives output null for it', () => {
        const { stdout } = cnn('analyze', tempFile('half.cnn', halfTyped), '--format', 'json');
        const network = JSON.parse(stdout).networks[0];
        expect(network.output).toBeNull();
        expect(network.layers.map((layer: { name: string }) => layer.name)).toEqual(['conv_1', 'relu_1']);
    });

    it('compare leaves it out, says why, and exits 1', () => {
        const file = tempFile('half.cnn', halfTyped);
        const { status, stderr } = cnn('compare', 'examples/alexnet.cnn', file);
        expect(status).toBe(1);
        expect(stderr).toBe(`cnn: ${file}: network N is incomplete: syntax error at 4:14 and is left out (see 'cnn check ${file}')\n`);
    });
});

describe('files and flags', () => {
    it('cnn with no arguments prints the help and exits 2', () => {
        const { status, stdout, stderr } = cnn();
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.split('\n')[0]).toBe('Usage: cnn [options] [command]');
    });

    it('check reads every file it can, then exits 2 for the one it cannot', () => {
        const bad = tempFile('bad.cnn', 'network B {\n    input 3x8x8\n    conv 8 3x3 strid 2\n}\n');
        const { status, stdout, stderr } = cnn('check', 'examples/alexnet.cnn', '/no/such/file.cnn', bad);
        expect(status).toBe(2);
        expect(stderr).toBe("cnn: cannot read '/no/such/file.cnn': no such file\n");
        expect(stdout).toBe(
            'examples/alexnet.cnn:15:12: warning inexact: pool1: (56 − 3) / 2 is not whole: the last input row and column are never seen\n' +
            `${bad}:3:16: error syntax-error: unknown option 'strid' of conv; did you mean 'stride'? (conv takes stride, pad, groups, dilation, nobias, in)\n`);
    });

    it.each(['net.txt', 'A.CNN', 'README.md'])('reads %s as a .cnn file', name => {
        const file = tempFile(name, 'network T {\n    input 3x8x8\n    conv 4 3x3\n}\n');
        const { status, stdout } = cnn('analyze', file);
        expect(status).toBe(0);
        expect(stdout.split('\n')[0]).toBe('T: input 3×8×8 -> output 4×6×6');
    });

    it('reads the README itself without a stack trace: one line per problem', () => {
        const file = join(mkdtempSync(join(tmpdir(), 'cnn-cli-')), 'README.md');
        copyFileSync('README.md', file);
        const { status, stdout, stderr } = cnn('check', file);
        expect(status).toBe(1);
        expect(stderr).toBe('');
        expect(stdout.split('\n')[0]).toBe(`${file}:1:1: error syntax-error: unexpected character '#'`);
        expect(stdout).not.toMatch(/\n\s+at /);
    });

    it('/dev/null is refused with one line and exit 2', () => {
        const { status, stdout, stderr } = cnn('analyze', '/dev/null');
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toBe("cnn: cannot read '/dev/null': not a regular file\n");
    });

    it('--input analyses at another input size (analyze, check, compare)', () => {
        const analyzed = cnn('analyze', 'examples/alexnet.cnn', '--input', '3x32x32');
        expect(analyzed.status).toBe(1);
        expect(analyzed.stderr.split('\n')[0]).toBe('examples/alexnet.cnn:13:12: error annotation-mismatch: declared 64×56×56, but conv1 gives 64×7×7');
        const resnet = cnn('analyze', 'examples/resnet50.cnn', '--input', '3×160×160');
        expect(resnet.status).toBe(0);
        expect(resnet.stdout.split('\n')[0]).toBe('ResNet50: input 3×160×160 -> output 1000');
        expect(resnet.stdout).toContain('MACs 2,087,321,600 (2.09G; FLOPs 4.17G)');
        const compared = cnn('compare', 'examples/resnet50.cnn', '--input', '3x160x160', '--format', 'json');
        expect(JSON.parse(compared.stdout).networks[0].macs).toBe(2087321600);
        expect(cnn('check', 'examples/resnet50.cnn', '--input', '3x160x160').status).toBe(0);
        const bad = cnn('analyze', 'examples/resnet50.cnn', '--input', '3x160');
        expect(bad.status).toBe(2);
        expect(bad.stderr).toBe("cnn: error: option '--input <CxHxW>' argument '3x160' is invalid. must be C×H×W, like 3x224x224.\n");
    });

    it('--no-hints leaves out the inexact hint', () => {
        const { status, stdout } = cnn('check', 'examples/alexnet.cnn', '--no-hints');
        expect(status).toBe(0);
        expect(stdout).toBe('');
    });
});

describe('rows in the JSON', () => {
    it('carry the file they come from: rows expanded from an imported block point into it', () => {
        const report = JSON.parse(cnn('analyze', 'examples/resnet50.cnn', '--format', 'json').stdout);
        const [network] = report.networks;
        expect(network.layers[0]).toMatchObject({ name: 'conv_1', path: 'stem/ResNetStem', file: 'examples/blocks/resnet.cnn', line: 9, column: 5 });
        expect(new Set(network.layers.map((layer: { file: string }) => layer.file))).toEqual(new Set(['examples/blocks/resnet.cnn']));
        expect(network.stages.map((stage: { path: string }) => stage.path)).toEqual(['stem', 'layer1', 'layer2', 'layer3', 'layer4', 'head']);
        const alexnet = JSON.parse(cnn('analyze', 'examples/alexnet.cnn', '--format', 'json').stdout);
        expect(alexnet.networks[0].layers[0].file).toBe('examples/alexnet.cnn');
    });
});

describe('tables that say what they mean', () => {
    it('--depth 1 sums every stage into one line, as torchinfo depth does', () => {
        const { status, stdout } = cnn('analyze', 'examples/resnet50.cnn', '--depth', '1', '--wide');
        expect(status).toBe(0);
        const cells = (name: string) => stdout.split('\n').find(line => line.startsWith(name + ' '))!.trim().split(/\s{2,}/);
        expect(cells('layer2')).toEqual(['layer2', '42 rows', '512×28×28', '30,576.00', '28.0', '6,272.00', '1,219,584', '4.8', '1,027,604,480', '25.1', 'layer2']);
        expect(cells('total')).toEqual(['total', '1000', '109,183.91', '100.0', '9,408.00', '25,557,032', '100.0', '4,089,184,256', '100.0']);
        expect(stdout.split('\n').filter(line => /^(stem|layer\d|head) /.test(line))).toHaveLength(6);
    });

    it('says what the totals are without taps, and what - means', () => {
        const { stdout } = cnn('analyze', 'examples/googlenet.cnn');
        // torchvision googlenet without its auxiliary classifiers: 6,624,904 params.
        expect(stdout).toContain('without taps: params 6,624,904, MACs 1,498,376,192, memory 34.7 MiB');
        expect(stdout).toContain('memory - : no new tensor (an in-place activation, dropout, or a view: flatten)');
    });
});
