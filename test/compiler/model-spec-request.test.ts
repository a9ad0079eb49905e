import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { modelSpec } from '../../compiler/model-spec.js';
import { isModelSpecParams, modelSpecFor } from '../../server/model-spec-request.js';
import { analyzeText } from '../helpers.js';
import { Cnn, open, reset } from '../lsp/lsp-helpers.js';

const TINY = `network Tiny {
    input 3x32x32
    conv 8 3x3 pad 1
    relu
    dwconv 3x3 pad 1
    fc 10
}
`;

/** `cnn/modelSpec` (the Run tab's request) against the compiler run on the same text. */
describe('cnn/modelSpec', () => {
    it('compiles the named network and gives every row its MACs and tfjs name', async () => {
        await reset();
        const document = await open(TINY, 'tiny.cnn');
        const result = modelSpecFor({ uri: document.uri.toString(), network: null }, Cnn.shared.workspace.LangiumDocuments, Cnn.analysis.DocumentAnalyzer);
        const network = analyzeText(TINY).network();
        expect(result).toEqual({
            network: 'Tiny',
            spec: modelSpec(network),
            rows: network.rows.map((row, index) => ({ row: index, name: expect.any(String), macs: row.macs.toString() }))
        });
        if (!('spec' in result)) throw new Error('no spec');
        const named = result.spec.nodes.filter(n => n.row !== undefined).map(n => [n.row, n.name]);
        expect(named.every(([row, name]) => result.rows[row as number]!.name === name)).toBe(true);
    });

    it('answers with a message for a missing network, a broken one and bad parameters', async () => {
        await reset();
        const document = await open('network Broken {\n    input 3x8x8\n    conv 4 9x9\n}\n', 'broken.cnn');
        const documents = Cnn.shared.workspace.LangiumDocuments;
        const uri = document.uri.toString();
        expect(modelSpecFor({ uri, network: 'Nope' }, documents, Cnn.analysis.DocumentAnalyzer)).toEqual({ error: 'No network Nope in the document.' });
        expect(modelSpecFor({ uri, network: 'Broken' }, documents, Cnn.analysis.DocumentAnalyzer)).toEqual({ error: "network Broken has errors; run 'cnn check' first" });
        expect(modelSpecFor({ uri: URI.file('/ws/none.cnn').toString(), network: null }, documents, Cnn.analysis.DocumentAnalyzer)).toEqual({ error: 'The document is not open.' });
        expect([isModelSpecParams({ uri, network: null }), isModelSpecParams({ uri }), isModelSpecParams(null), isModelSpecParams({ uri: 1, network: 'x' })]).toEqual([true, false, false, false]);
    });
});
