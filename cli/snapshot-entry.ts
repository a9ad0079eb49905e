import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startupSnapshot } from 'node:v8';
import { DEFAULT_SETTINGS } from '../language/analysis/settings.js';
import { analyzeFile } from './analyze-file.js';
import { SNAPSHOT_STAMP, currentStamp } from './snapshot-stamp.js';
import { startCli } from './start-cli.js';

/**
 * The entry of the start-up snapshot (out/cli/cnn.blob; scripts/build-cli-snapshot.mjs runs
 * `node --snapshot-blob … --build-snapshot out/cli/cnn-snapshot.cjs <examples>`).
 *
 * Almost all of a cold `cnn analyze` is Chevrotain building the parser (its grammar recording,
 * validations and lookahead functions) and the LL(*) lookahead learning its decisions on the
 * first file, not the analysis (about a millisecond). Here that is done once, at build time, on
 * every example file; the heap, parser included, is saved, and `cnn analyze`, `check` and
 * `compare` start from it (cli/launcher.ts). Chevrotain's grammar validations still run on every
 * build of the snapshot, and the plain bundle (out/cli/cnn-main.cjs) still runs them on every start.
 */
if (!startupSnapshot.isBuildingSnapshot()) throw new Error(`${__filename} only builds the start-up snapshot: run it with node --build-snapshot`);
const examples = process.argv[2];
if (!examples) throw new Error('the start-up snapshot needs a folder of .cnn files to warm the parser on');
const files = cnnFiles(examples);
if (files.length === 0) throw new Error(`no .cnn files in '${examples}' to warm the parser on`);
for (const file of files) analyzeFile(file, DEFAULT_SETTINGS);
// Written beside the blob-to-be; the build script moves both into place only once the blob is whole.
writeFileSync(join(__dirname, `${SNAPSHOT_STAMP}.tmp`), JSON.stringify(currentStamp(__dirname)) + '\n');

startupSnapshot.setDeserializeMainFunction(() => startCli(process.argv.slice(1)));

function cnnFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(name => name.endsWith('.cnn')).sort().map(name => join(dir, name));
}
