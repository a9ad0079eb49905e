import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StdioLspClient } from '../lsp/stdio-client.js';
import { fuzzWorkspace, REGRESSIONS } from './fuzz-run.js';
import { Random } from './random.js';
import { ServerChecks } from './server-checks.js';

// Every minimal document the fuzzer ever saved, served again with the same request positions.

const cases = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter(f => f.endsWith('.cnn') || f.endsWith('.cnn.json')).sort() : [];

describe('fuzzer regressions', () => {
    let client: StdioLspClient;
    let checks: ServerChecks;

    beforeAll(async () => {
        const folder = fuzzWorkspace();
        client = new StdioLspClient();
        await client.initialize(folder);
        checks = new ServerChecks(client, folder);
    });

    afterAll(async () => {
        expect(await client.close()).toBe(0);
    });

    test('the saved cases are there', () => {
        expect(cases.length).toBeGreaterThan(0);
    });

    test.each(cases)('%s', async name => {
        // .cnn.json: a text that is not well-formed UTF-16, kept exactly as a JSON string.
        const saved = readFileSync(join(REGRESSIONS, name), 'utf8');
        const text = name.endsWith('.json') ? JSON.parse(saved) as string : saved;
        const seed = Number(readFileSync(join(REGRESSIONS, `${name}.seed`), 'utf8'));
        expect(await checks.check(text, new Random(seed))).toEqual([]);
    });
});
