import { describe, expect, it } from 'vitest';
import type { JsonNetwork, JsonReport } from '../../language/analysis/to-json.js';
import { costTable } from '../../client/cost-table.js';
import { cnn } from '../cli/run-cli.js';

/** `CNN: Export Cost Table`'s formats, from the CLI's own report of examples/alexnet.cnn. */
const report = JSON.parse(cnn('analyze', 'examples/alexnet.cnn', '--format', 'json').stdout) as JsonReport;
const alexnet = report.networks[0];

describe('cost table export', () => {
    it('writes CSV with one row per layer and the totals', () => {
        const lines = costTable(alexnet, 'csv', 'macs').split('\r\n');
        expect(lines[0]).toBe('layer,path,op,line,input,output,params,macs,memory_bytes');
        expect(lines[1]).toBe('conv1,,conv,13,3x227x227,64x56x56,23296,72855552,802816');
        expect(lines[19]).toBe('fc8,,fc,26,4096,1000,4097000,4096000,4000');
        expect(lines[20]).toBe('total,,,,3x227x227,1000,61100840,716767232,2358432');
        expect(lines).toHaveLength(22);
        expect(lines[21]).toBe('');
    });

    it('counts FLOPs (2 × MACs) when that unit is chosen', () => {
        const lines = costTable(alexnet, 'csv', 'flops').split('\r\n');
        expect(lines[0]).toBe('layer,path,op,line,input,output,params,flops,memory_bytes');
        expect(lines[1]).toBe('conv1,,conv,13,3x227x227,64x56x56,23296,145711104,802816');
        expect(lines[20]).toBe('total,,,,3x227x227,1000,61100840,1433534464,2358432');
    });

    it('writes a Markdown table with right-aligned numbers', () => {
        const lines = costTable(alexnet, 'markdown', 'macs').split('\n');
        expect(lines.slice(0, 5)).toEqual([
            '# AlexNet',
            '',
            '| layer | path | op | line | input | output | params | macs | memory_bytes |',
            '| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: |',
            '| conv1 |  | conv | 13 | 3x227x227 | 64x56x56 | 23296 | 72855552 | 802816 |'
        ]);
    });

    it('writes JSON with exact counts', () => {
        const json = JSON.parse(costTable(alexnet, 'json', 'macs'));
        expect(json.network).toBe('AlexNet');
        expect(json.layers).toHaveLength(19);
        expect(json.layers[0]).toEqual({ name: 'conv1', path: '', op: 'conv', line: 13, input: [3, 227, 227], output: [64, 56, 56], params: 23296, macs: 72855552, memoryBytes: 802816 });
        expect(json.totals).toEqual({ params: 61100840, macs: 716767232, memoryBytes: 2358432 });
    });

    it('quotes CSV cells and never lets a spreadsheet run one as a formula', () => {
        const network: JsonNetwork = {
            ...alexnet,
            layers: [{ ...alexnet.layers[0], name: '=HYPERLINK("x")', path: 'a,b' }],
            // Beyond 2^53 the report keeps counts as strings; FLOPs stay exact.
            totals: { ...alexnet.totals, macs: '9007199254740993' }
        };
        const lines = costTable(network, 'csv', 'flops').split('\r\n');
        expect(lines[1]).toBe(`"'=HYPERLINK(""x"")","a,b",conv,13,3x227x227,64x56x56,23296,145711104,802816`);
        const json = JSON.parse(costTable(network, 'json', 'flops'));
        expect(json.layers[0].name).toBe('=HYPERLINK("x")');
        expect(costTable({ ...network, layers: [{ ...network.layers[0], macs: '9007199254740993' }] }, 'csv', 'flops').split('\r\n')[1])
            .toContain(',18014398509481986,');
    });
});
