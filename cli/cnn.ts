import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type CostSettings } from '../language/analysis/settings.js';
import { compareNetworks, type CompareKey } from '../language/analysis/compare.js';
import { writeJsonReport } from '../language/analysis/to-json.js';
import type { NetworkAnalysis } from '../language/analysis/types.js';
import { analyzeFile, type AnalyzedFile } from './analyze-file.js';
import { readFailureReason } from '../language/read-source-file.js';
import { diagnosticLine } from './diagnostic-line.js';
import { incompleteNote } from './incomplete.js';
import { compareJson, formatCompareCsv, formatCompareMarkdown, formatCompareTable } from './formats/compare-table.js';
import { formatCsv } from './formats/csv.js';
import { formatMarkdownTable } from './formats/markdown-table.js';
import type { TableView } from './formats/table-model.js';
import { formatTextTable } from './formats/text-table.js';
import { ReportError, writeReport } from './report.js';

/** Exit codes: 0 fine, 1 the file has errors, 2 the command could not run (missing file, bad flag). */
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

function positiveInteger(value: string): number {
    if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('must be a positive integer.');
    return Number(value);
}

/** `--input 3x160x160` (or `3×160×160`): analyse at another input size. */
function inputShape(value: string): readonly [number, number, number] {
    const match = /^([1-9][0-9]*)[x×]([1-9][0-9]*)[x×]([1-9][0-9]*)$/.exec(value.trim());
    if (!match) throw new InvalidArgumentError('must be C×H×W, like 3x224x224.');
    const dims = [Number(match[1]), Number(match[2]), Number(match[3])] as const;
    if (!dims.every(Number.isSafeInteger)) throw new InvalidArgumentError('each side must be below 2^53.');
    return dims;
}

function costSettings(options: { bytes?: number; batch?: number; input?: readonly [number, number, number] }): CostSettings {
    return { bytesPerElement: options.bytes ?? 4, batch: options.batch ?? 1, ...(options.input ? { inputOverride: options.input } : {}) };
}

function nonNegativeInteger(value: string): number {
    if (!/^(0|[1-9][0-9]*)$/.test(value)) throw new InvalidArgumentError('must be a whole number, 0 or more.');
    return Number(value);
}

/** compile and run live in their own bundle, required only when used: analyze never loads TensorFlow.js. */
function tfjsCommands(): typeof import('./tfjs-commands.js') {
    return createRequire(__filename)(join(__dirname, 'tfjs-commands.cjs')) as typeof import('./tfjs-commands.js');
}

function load(path: string, settings: CostSettings): AnalyzedFile {
    try {
        return analyzeFile(path, settings);
    } catch (error) {
        const reason = readFailureReason(error);
        if (reason === undefined) throw error; // not the file system: a bug, with its stack
        throw new UsageError(`cnn: cannot read '${path}': ${reason}`);
    }
}

interface AnalyzeOptions {
    network?: string; format: string; bytes: number; batch: number; input?: readonly [number, number, number];
    depth?: number; by?: 'layer' | 'block' | 'stage'; wide?: boolean;
}

/** `--by` or `--depth` (commander refuses both), for the table and markdown formats. */
function tableView(options: AnalyzeOptions): TableView {
    if ((options.format === 'json' || options.format === 'csv') && (options.depth !== undefined || options.by !== undefined || options.wide)) {
        const flag = options.depth !== undefined ? '--depth' : options.by !== undefined ? '--by' : '--wide';
        throw new UsageError(`cnn: ${flag} shapes the table; --format ${options.format} always gives every row and every column`);
    }
    return options.depth !== undefined ? { depth: options.depth } : { by: options.by ?? 'layer' };
}

function analyzeCommand(path: string, options: AnalyzeOptions): number {
    const settings = costSettings(options);
    const view = tableView(options);
    const analyzed = load(path, settings);
    let networks = analyzed.analysis.networks;
    if (options.network !== undefined) {
        networks = networks.filter(network => network.name === options.network);
        if (networks.length === 0) {
            const known = analyzed.analysis.networks.map(n => n.name).join(', ') || 'none';
            throw new UsageError(`cnn: no network '${options.network}' in '${path}' (networks: ${known})`);
        }
    }
    const hasErrors = analyzed.diagnostics.some(d => d.severity === 'error');
    if (options.format === 'json') {
        // Written in pieces: 655,000 rows would be a 300 MB string (issue 11).
        writeJsonReport(path, { ...analyzed.analysis, networks }, analyzed.diagnostics, settings, analyzed.lineText, text => process.stdout.write(text));
        process.stdout.write('\n');
        return hasErrors ? EXIT_ERRORS : 0;
    }
    for (const diagnostic of analyzed.diagnostics) process.stderr.write(diagnosticLine(path, diagnostic, analyzed.lineText) + '\n');
    if (networks.length === 0) process.stderr.write(`cnn: '${path}' defines no network\n`);
    const output = options.format === 'csv'
        ? formatCsv(networks, settings)
        : networks.map(n => options.format === 'markdown' ? formatMarkdownTable(n, settings, view)
            : formatTextTable(n, settings, { incomplete: incompleteNote(n, analyzed.diagnostics), view, wide: options.wide })).join('\n\n');
    if (output) process.stdout.write(output + '\n');
    return hasErrors ? EXIT_ERRORS : 0;
}

function compareCommand(paths: string[], options: { sort: CompareKey; format: string; bytes: number; batch: number; input?: readonly [number, number, number] }): number {
    const settings = costSettings(options);
    const networks: Array<{ file: string; network: NetworkAnalysis }> = [];
    let failed = false;
    for (const path of paths) {
        const analyzed = load(path, settings);
        for (const network of analyzed.analysis.networks) {
            if (network.output === null) {
                const why = incompleteNote(network, analyzed.diagnostics);
                process.stderr.write(`cnn: ${path}: network ${network.name} is ${why} and is left out (see 'cnn check ${path}')\n`);
                failed = true;
            } else {
                networks.push({ file: path, network });
            }
        }
    }
    const compared = compareNetworks(networks, settings, options.sort);
    const tapsLeftOut = networks.filter(({ network }) => network.taps.length > 0)
        .map(({ file, network }) => ({ name: network.name, file, taps: network.taps.map(tap => tap.name) }));
    const output = options.format === 'json' ? JSON.stringify(compareJson(compared), null, 2)
        : options.format === 'csv' ? formatCompareCsv(compared)
        : options.format === 'markdown' ? formatCompareMarkdown(compared, tapsLeftOut)
        : formatCompareTable(compared, tapsLeftOut);
    process.stdout.write(output + '\n');
    return failed ? EXIT_ERRORS : 0;
}

function checkCommand(paths: string[], options: { input?: readonly [number, number, number]; hints: boolean }): number {
    let errors = 0;
    let unreadable = false;
    for (const path of paths) {
        // A file that cannot be read does not stop the others from being checked (then exit 2).
        let analyzed: AnalyzedFile;
        try {
            analyzed = load(path, options.input ? costSettings(options) : DEFAULT_SETTINGS);
        } catch (error) {
            if (!(error instanceof UsageError)) throw error;
            process.stderr.write(error.message + '\n');
            unreadable = true;
            continue;
        }
        for (const diagnostic of analyzed.diagnostics) {
            // --no-hints: the advisory `inexact` hint (and any other hint) is left out (§8.12).
            if (!options.hints && (diagnostic.severity === 'hint' || diagnostic.code === 'inexact')) continue;
            process.stdout.write(diagnosticLine(path, diagnostic, analyzed.lineText) + '\n');
            if (diagnostic.severity === 'error') errors++;
        }
    }
    return unreadable ? EXIT_USAGE : errors > 0 ? EXIT_ERRORS : 0;
}

export function createProgram(setExit: (code: number) => void): Command {
    const program = new Command('cnn')
        .description('Analyse .cnn network architectures: shapes, parameters, multiply-adds and memory, without running anything.')
        .version('0.1.0')
        .exitOverride()
        .configureOutput({ outputError: (text, write) => write(text.startsWith('error:') ? `cnn: ${text}` : text) });
    program.command('analyze')
        .description('print every layer\'s output shape and cost, with stage subtotals and totals')
        .argument('<file>', 'a .cnn file')
        .option('-n, --network <name>', 'only this network of the file')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown']).default('table'))
        .option('--bytes <n>', 'bytes per tensor element (4 = float32, 2 = float16)', positiveInteger, 4)
        .option('--batch <n>', 'batch size (scales memory, MACs and other ops)', positiveInteger, 1)
        .option('--input <CxHxW>', 'analyse at this input size instead of the declared input', inputShape)
        .addOption(new Option('--depth <n>', 'sum rows deeper than n path segments into one line per path prefix (as torchinfo\'s depth)').argParser(nonNegativeInteger).conflicts('by'))
        .addOption(new Option('--by <level>', 'one line per layer, per block call or per stage (the totals never change)').choices(['layer', 'block', 'stage']))
        .option('--wide', 'every column, exact, with the path on each row (the default fits 80 columns)')
        .action((file: string, options) => setExit(analyzeCommand(file, options)));
    program.command('compare')
        .description('compare networks side by side: params, MACs, memory and published top-1 (from meta), with ratios to the first')
        .argument('<files...>', '.cnn files; every network in them is compared, the first one is the baseline')
        .addOption(new Option('-s, --sort <key>', 'sort by').choices(['macs', 'params', 'memory', 'top1', 'name']).default('macs'))
        .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown']).default('table'))
        .option('--bytes <n>', 'bytes per tensor element (4 = float32, 2 = float16)', positiveInteger, 4)
        .option('--batch <n>', 'batch size (scales memory and MACs)', positiveInteger, 1)
        .option('--input <CxHxW>', 'analyse every network at this input size', inputShape)
        .action((files: string[], options) => setExit(compareCommand(files, options)));
    program.command('report')
        .description('write the cost chart (three panels, the table and the comparison) as one self-contained HTML page')
        .argument('<file>', 'a .cnn file')
        .requiredOption('--html <out>', 'the page to write (refused if it exists, unless --force)')
        .option('-n, --network <name>', 'the network shown first (default: the first of the file)')
        .option('--force', 'overwrite an existing page')
        .addOption(new Option('--unit <unit>', 'compute shown as multiply-adds or FLOPs (= 2 × MACs)').choices(['macs', 'flops']).default('macs'))
        .option('--bytes <n>', 'bytes per tensor element (4 = float32, 2 = float16)', positiveInteger, 4)
        .option('--batch <n>', 'batch size (scales memory and MACs)', positiveInteger, 1)
        .action((file: string, options) => {
            try {
                setExit(writeReport(file, options, load).hasErrors ? EXIT_ERRORS : 0);
            } catch (error) {
                throw error instanceof ReportError ? new UsageError(error.message) : error;
            }
        });
    program.command('check')
        .description('report problems as file:line:col: severity code: message; exit 1 if there are errors')
        .argument('<files...>', '.cnn files (any name is read as a .cnn file)')
        .option('--input <CxHxW>', 'check at this input size instead of the declared input', inputShape)
        .option('--no-hints', 'leave out hints such as inexact (windows that never see the last rows)')
        .action((files: string[], options) => setExit(checkCommand(files, options)));
    program.command('compile')
        .description('compile a network to TensorFlow.js: <Network>.js (+ .d.ts, cnn-layers.js), model.json and weights.bin')
        .argument('<file>', 'a .cnn file')
        .option('-n, --network <name>', 'the network to compile (default: the first of the file)')
        .requiredOption('-o, --out <dir>', 'the folder to write into (existing files are refused, unless --force)')
        .option('--weights <file>', 'a PyTorch state_dict saved as .safetensors (default: random weights)')
        .option('--seed <n>', 'seed of the random weights', nonNegativeInteger, 0)
        .option('--optimize', 'fold batch norm, fuse bias and activation, drop dropout')
        .option('--force', 'overwrite existing files')
        .action(async (file: string, options) => { process.exitCode = await tfjsCommands().runTfjsCommand('compile', file, options); });
    program.command('run')
        .description('run a network with TensorFlow.js and print median latency, images/s and GMAC/s')
        .argument('<file>', 'a .cnn file')
        .option('-n, --network <name>', 'the network to run (default: the first of the file)')
        .option('--weights <file>', 'a PyTorch state_dict saved as .safetensors (default: random weights)')
        .option('--seed <n>', 'seed of the random weights', nonNegativeInteger, 0)
        .addOption(new Option('--backend <name>', 'tfjs backend').choices(['cpu', 'wasm', 'webgl', 'webgpu', 'tensorflow']).default('wasm'))
        .option('--batch <n>', 'images per forward pass', positiveInteger, 1)
        .option('--iterations <n>', 'timed forward passes', positiveInteger, 10)
        .option('--warmup <n>', 'untimed forward passes first', nonNegativeInteger, 2)
        .option('--input-file <file>', 'input as raw little-endian float32 in PyTorch\'s NCHW layout (default: a fixed pseudo-random input)')
        .option('--output-file <file>', 'write the outputs as raw little-endian float32, NCHW: the main output, then each tap\'s')
        .option('--optimize', 'fold batch norm, fuse bias and activation, drop dropout')
        .option('--layers', 'also time each layer and show it against its share of the MACs')
        .action(async (file: string, options) => { process.exitCode = await tfjsCommands().runTfjsCommand('run', file, options); });
    program.command('lsp')
        .description('run the language server for any LSP client (Neovim, Helix, Emacs, VS Code)')
        .option('--stdio', 'talk LSP over standard input and output (the only transport, and the default)')
        .action(async () => {
            // Loaded only here, so analyze and check start without the language server's code.
            const [{ startCnnLanguageServer }, { stdioConnection }] = await Promise.all([import('../server/main.js'), import('../server/connections.js')]);
            startCnnLanguageServer(stdioConnection());
        });
    return program;
}

/** Runs the CLI and returns its exit code (used by the bin and by the tests). */
export function runCli(argv: string[]): number {
    let exitCode = 0;
    const program = createProgram(code => { exitCode = code; });
    if (argv.length === 0) {
        process.stderr.write(program.helpInformation());
        return EXIT_USAGE;
    }
    try {
        program.parse(argv, { from: 'user' });
    } catch (error) {
        if (error instanceof CommanderError) {
            const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
            return benign ? 0 : EXIT_USAGE;
        }
        if (error instanceof UsageError) {
            process.stderr.write(error.message + '\n');
            return EXIT_USAGE;
        }
        // A bug of ours: one line, not a stack trace (CNN_DEBUG=1 shows it).
        if (process.env.CNN_DEBUG) throw error;
        process.stderr.write(`cnn: internal error: ${error instanceof Error ? error.message : String(error)} (please report it; CNN_DEBUG=1 shows where)\n`);
        return EXIT_USAGE;
    }
    return exitCode;
}
