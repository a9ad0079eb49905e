import type { Random } from './random.js';

/**
 * Grammar-based random programs: every construct of the language (blocks with parameters and
 * defaults, calls, repeat, residual, concat, split, scale, tap, stage, if/else, annotations,
 * labels, meta, budget, imports), mostly well-formed, with sizes that are sometimes wrong, so
 * shape inference, its errors and every editor feature on them are exercised.
 */
export function randomProgram(random: Random): string {
    const g = new Generator(random);
    return g.program();
}

class Generator {
    private blocks: Array<{ name: string; params: string[] }> = [];
    private labels = 0;

    constructor(private readonly r: Random) {}

    program(): string {
        const parts: string[] = [];
        if (this.r.chance(0.3)) parts.push(`import "${this.r.pick(['blocks/resnet.cnn', 'blocks/mobilenet.cnn', 'missing.cnn', 'blocks/inception.cnn'])}"`);
        for (let i = this.r.below(3); i > 0; i--) parts.push(this.block());
        for (let i = 1 + this.r.below(2); i > 0; i--) parts.push(this.network());
        return parts.join('\n\n') + '\n';
    }

    private block(): string {
        const name = `B${this.blocks.length}`;
        const params = ['c', 's', 'k'].slice(0, this.r.below(4));
        const written = params.map((p, i) => (i > 0 && this.r.chance(0.5) ? `${p} = ${this.r.pick(['1', '2', 'C', 'c * 2', '3'])}` : p));
        const body = this.statements(2, params, 1);
        this.blocks.push({ name, params });
        return `block ${name}(${written.join(', ')}) {\n${body}\n}`;
    }

    private network(): string {
        const c = this.r.pick([1, 3, 16, 64]);
        const hw = this.r.pick([1, 7, 8, 32, 56, 224]);
        const lines = [`    input ${c}x${hw}x${hw}`];
        if (this.r.chance(0.3)) lines.push(`    meta top1 = ${this.r.pick(['76.1', '1', '0'])}, source = "${this.r.pick(['paper', 'a *b* <i>', '`x`'])}"`);
        if (this.r.chance(0.3)) lines.push(`    budget params <= ${this.r.pick(['1M', '25M', '1000', '1.5G'])}, macs <= ${this.r.pick(['4G', '1K'])}`);
        lines.push(this.statements(3, [], 1));
        return `network N${this.r.below(1000)} {\n${lines.join('\n')}\n}`;
    }

    private statements(depth: number, params: string[], indentLevel: number): string {
        const out: string[] = [];
        for (let i = 1 + this.r.below(4); i > 0; i--) out.push(this.statement(depth, params, indentLevel));
        return out.join('\n');
    }

    private statement(depth: number, params: string[], level: number): string {
        const pad = '    '.repeat(level);
        const inner = (d: number) => this.statements(d, params, level + 1);
        const label = this.r.chance(0.15) ? `l${this.labels++}: ` : '';
        const annot = this.r.chance(0.1) ? ` -> ${this.r.pick(['64x56x56', '1000', '16x8x8', '3x3'])}` : '';
        let kind = depth <= 0 ? 0 : this.r.below(10);
        if (kind === 9 && this.blocks.length === 0) kind = 0; // no block to call yet
        switch (kind) {
            case 1: return `${pad}${label}residual {\n${inner(depth - 1)}\n${pad}}${this.r.pick(['', ' shortcut auto', ' shortcut projection', ' shortcut identity', ' shortcut optional'])}${annot}`;
            case 2: return `${pad}${label}concat {\n${this.branches(depth, params, level + 1)}\n${pad}}${annot}`;
            case 3: return `${pad}${label}split {\n${this.branches(depth, params, level + 1)}\n${pad}}${annot}`;
            case 4: return `${pad}${label}scale {\n${pad}    globalavgpool, fc ${this.r.pick(['C / 4', '8', 'C'])}, relu, fc C, sigmoid\n${pad}}`;
            case 5: return `${pad}repeat ${this.r.pick(['0', '1', '2', '3'])} {\n${inner(depth - 1)}\n${pad}}`;
            case 6: return `${pad}stage st${this.r.below(100)} {\n${inner(depth - 1)}\n${pad}}${annot}`;
            case 7: return `${pad}tap aux${this.r.below(100)} {\n${pad}    globalavgpool, flatten, fc 10\n${pad}}`;
            case 8: return `${pad}if ${this.r.pick(['C > 8', 'H == 56', '1', 'c > 1'].filter(e => params.length > 0 || !e.includes('c')))} {\n${inner(depth - 1)}\n${pad}}${this.r.chance(0.5) ? ` else {\n${inner(depth - 1)}\n${pad}}` : ''}`;
            case 9: return `${pad}${label}${this.call()}${annot}`;
            default: return `${pad}${label}${this.layer(params)}${annot}`;
        }
    }

    private branches(depth: number, params: string[], level: number): string {
        const pad = '    '.repeat(level);
        const out: string[] = [];
        for (let i = 1 + this.r.below(3); i > 0; i--) out.push(`${pad}branch b${i} {\n${this.statements(depth - 1, params, level + 1)}\n${pad}}`);
        return out.join('\n');
    }

    private call(): string {
        const block = this.r.pick(this.blocks);
        const args = block.params.map(() => this.r.pick(['16', '2', '1', 'C', '3']));
        if (this.r.chance(0.2)) args.push('9');
        return `${block.name}(${args.join(', ')})${this.r.chance(0.2) ? ` * ${this.r.pick(['0', '2', '3'])}` : ''}`;
    }

    private layer(params: string[]): string {
        const size = () => this.r.pick(['1', '16', '32', '64', 'C', 'C * 2', ...params.slice(0, 1)]);
        const kernel = () => this.r.pick(['1x1', '3x3', '5x5', '7x7', '1x7', '11x11', '3']);
        const options = () => [
            this.r.chance(0.4) ? ` stride ${this.r.pick(['1', '2', '4', ...params.slice(1, 2)])}` : '',
            this.r.chance(0.5) ? ` pad ${this.r.pick(['1', '0', 'same', 'valid', '2', '0x3'])}` : '',
            this.r.chance(0.1) ? ` groups ${this.r.pick(['2', 'C'])}` : '',
            this.r.chance(0.1) ? ' nobias' : ''
        ].join('');
        switch (this.r.below(12)) {
            case 0: case 1: case 2: return `conv ${size()} ${kernel()}${options()}${this.r.chance(0.4) ? ', bn, relu' : ''}`;
            case 3: return `dwconv ${kernel()}${options()}`;
            case 4: return `maxpool ${this.r.pick(['2x2', '3x3'])}${this.r.chance(0.5) ? ' stride 2' : ''}${this.r.chance(0.2) ? ' ceil' : ''}`;
            case 5: return `avgpool ${this.r.pick(['2x2', '3x3'])}`;
            case 6: return this.r.pick(['globalavgpool', 'adaptiveavgpool 1x1', 'adaptiveavgpool 6x6']);
            case 7: return `flatten${this.r.chance(0.5) ? `, fc ${this.r.pick(['10', '1000', 'C'])}` : ''}`;
            case 8: return this.r.pick(['bn', 'relu', 'relu6', 'sigmoid', 'hardswish', 'gelu', 'silu']);
            case 9: return `dropout ${this.r.pick(['0.5', '0.2', '1.5', '(1 / 5)'])}`;
            case 10: return `shuffle ${this.r.pick(['2', '3'])}`;
            default: return `lrn size ${this.r.pick(['5', '3'])}`;
        }
    }
}
