import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chartHtml } from '../client/webview-html.js';
import type { CompareEntry, ComputeUnit, HostMessage } from '../client/webview-protocol.js';
import { compareNetworks, type ComparedNetwork } from '../language/analysis/compare.js';
import type { CostSettings } from '../language/analysis/settings.js';
import { toJsonReport } from '../language/analysis/to-json.js';
import type { NetworkAnalysis } from '../language/analysis/types.js';
import { analyzeFile, type AnalyzedFile } from './analyze-file.js';

/** A problem the user can fix (bad option, existing output): one line, exit code 2. */
export class ReportError extends Error {}

export interface ReportOptions {
    network?: string;
    html: string;
    force?: boolean;
    unit: ComputeUnit;
    bytes: number;
    batch: number;
}

/**
 * The folder of the running CLI bundle (out/cli): the page's script and style are read from
 * ../webview and the bundled examples from ../../examples, wherever the package is installed.
 */
function bundleDir(): string {
    return typeof __dirname === 'string' ? __dirname : resolve('out/cli');
}

/** The bundled examples (examples/*.cnn beside the package's out/), sorted by name. */
export function bundledExamples(root = join(bundleDir(), '..', '..')): string[] {
    const folder = join(root, 'examples');
    if (!existsSync(folder)) return [];
    return readdirSync(folder).filter(name => name.endsWith('.cnn')).sort().map(name => join(folder, name));
}

/** Comparison entries as the chart's Compare tab takes them; `current` marks the network shown. */
export function compareEntries(compared: readonly ComparedNetwork[], current: { file: string; name: string } | null): CompareEntry[] {
    return compared.map(c => ({
        file: c.file,
        uri: pathToFileURL(resolve(c.file)).toString(),
        name: c.name,
        params: Number(c.params),
        macs: Number(c.macs),
        memoryBytes: Number(c.memoryBytes),
        top1: c.top1 ?? null,
        source: c.source ?? null,
        current: current !== null && resolve(c.file) === resolve(current.file) && c.name === current.name
    }));
}

/**
 * `cnn report`: the chart page for one file, self-contained (the webview bundle and style sheet
 * inlined, the analysis and the comparison embedded), written atomically. Returns whether the
 * file has errors (the page is written anyway, with the banner saying so).
 */
export function writeReport(path: string, options: ReportOptions, load: (path: string, settings: CostSettings) => AnalyzedFile): { hasErrors: boolean } {
    const out = resolve(options.html);
    if (!options.force && existsSync(out)) throw new ReportError(`cnn: '${options.html}' exists; use --force to overwrite it`);
    const assets = join(bundleDir(), '..', 'webview');
    let script: string;
    let style: string;
    try {
        script = readFileSync(join(assets, 'chart.js'), 'utf8');
        style = readFileSync(join(assets, 'chart.css'), 'utf8');
    } catch {
        throw new ReportError(`cnn: the chart bundle is missing from '${assets}' (run 'npm run build')`);
    }
    const settings: CostSettings = { bytesPerElement: options.bytes, batch: options.batch };
    const analyzed = load(path, settings);
    const names = analyzed.analysis.networks.map(n => n.name);
    if (options.network !== undefined && !names.includes(options.network)) {
        throw new ReportError(`cnn: no network '${options.network}' in '${path}' (networks: ${names.join(', ') || 'none'})`);
    }
    const shownName = options.network ?? names[0] ?? null;
    const report = toJsonReport(path, analyzed.analysis, analyzed.diagnostics, settings, analyzed.lineText);

    // The comparison: the file's own networks, then the bundled examples (the file once, if it is one).
    const networks: Array<{ file: string; network: NetworkAnalysis }> = analyzed.analysis.networks.filter(n => n.output !== null).map(network => ({ file: path, network }));
    for (const example of bundledExamples()) {
        if (resolve(example) === resolve(path)) continue;
        for (const network of analyzeFile(example, settings).analysis.networks) {
            if (network.output !== null) networks.push({ file: example, network });
        }
    }
    const compared = compareNetworks(networks, settings, 'macs');
    const messages: HostMessage[] = [
        { type: 'analysis', report, network: shownName, fileName: path, version: 1, settings: { unit: options.unit, bytesPerElement: options.bytes, batch: options.batch } },
        { type: 'compare', entries: compareEntries(compared, shownName === null ? null : { file: path, name: shownName }) }
    ];
    const html = chartHtml({ nonce: randomBytes(18).toString('base64'), script, style, messages, title: `${basename(path)}${shownName ? ` — ${shownName}` : ''} · CNN cost chart` });
    writeAtomically(out, html);
    return { hasErrors: analyzed.diagnostics.some(d => d.severity === 'error') };
}

/** Writes beside the target and renames, so a reader never sees half a page and a failure leaves no debris. */
function writeAtomically(out: string, text: string): void {
    const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text, { flag: 'wx' });
        renameSync(temp, out);
    } catch (error) {
        rmSync(temp, { force: true });
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
        throw new ReportError(`cnn: cannot write '${out}': ${reason}`);
    }
}
