import { EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { analyzeSource } from '../language/analysis/analyze.js';
import { DEFAULT_SETTINGS, type CostSettings } from '../language/analysis/settings.js';
import { sourceOf, type CnnSource } from '../language/analysis/sources.js';
import { syntaxErrors } from '../language/analysis/syntax-errors.js';
import type { CnnDiagnostic, FileAnalysis, NetworkAnalysis, Range } from '../language/analysis/types.js';
import { createCnnCoreServices } from '../language/cnn-module.js';
import type { Model } from '../language/generated/ast.js';
import { SourceLoader } from '../cli/load-sources.js';

const memoryServices = createCnnCoreServices(EmptyFileSystem);
const diskServices = createCnnCoreServices(NodeFileSystem);

export interface Analyzed extends FileAnalysis {
    /** Syntax errors and analysis diagnostics together. */
    all: CnnDiagnostic[];
    network(name?: string): NetworkAnalysis;
}

/**
 * Parses and analyses text held in memory. `files` are other in-memory files it may import, by
 * path relative to `/work/` (the main text is `/work/main.cnn`).
 */
export function analyzeText(text: string, files: Record<string, string> = {}, settings: CostSettings = DEFAULT_SETTINGS): Analyzed {
    const sources = new Map<string, CnnSource>();
    const parse = (path: string, content: string) => {
        const uri = URI.file(path);
        const document = memoryServices.shared.workspace.LangiumDocumentFactory.fromString<Model>(content, uri);
        const source = sourceOf(document);
        sources.set(source.uri, source);
        return { source, document };
    };
    for (const [path, content] of Object.entries(files)) parse(`/work/${path}`, content);
    const { source, document } = parse('/work/main.cnn', text);
    const analysis = analyzeSource(source, uri => sources.get(uri), settings);
    return withHelpers(analysis, [...syntaxErrors(document), ...analysis.diagnostics]);
}

/** Analyses a file on disk (and what it imports), as the CLI does. */
export function analyzePath(path: string, settings: CostSettings = DEFAULT_SETTINGS): Analyzed {
    const loader = new SourceLoader(diskServices.shared);
    const file = loader.loadRoot(path);
    const analysis = analyzeSource(file.source, loader.lookup, settings);
    return withHelpers(analysis, [...syntaxErrors(file.document), ...analysis.diagnostics]);
}

const examples = new Map<string, Analyzed>();

/** `examples/<file>` analysed, once per test file (the library tables ask for many networks of one file). */
export function exampleFile(file: string): Analyzed {
    let analyzed = examples.get(file);
    if (!analyzed) {
        analyzed = analyzePath(`examples/${file}`);
        examples.set(file, analyzed);
    }
    return analyzed;
}

export function exampleNetwork(file: string, name: string): NetworkAnalysis {
    return exampleFile(file).network(name);
}

function withHelpers(analysis: FileAnalysis, all: CnnDiagnostic[]): Analyzed {
    return {
        ...analysis,
        all,
        network(name?: string) {
            const found = name === undefined ? analysis.networks[0] : analysis.networks.find(n => n.name === name);
            if (!found) throw new Error(`no network ${name ?? ''}`);
            return found;
        }
    };
}

/**
 * Strips `«` `»` range markers from a snippet and returns the text with each marked range,
 * in LSP coordinates (0-based line, UTF-16 column).
 */
export function markedRanges(marked: string): { text: string; ranges: Range[] } {
    const ranges: Range[] = [];
    const starts: Array<{ line: number; character: number }> = [];
    let text = '';
    let line = 0;
    let character = 0;
    for (const ch of marked) {
        if (ch === '«') {
            starts.push({ line, character });
            continue;
        }
        if (ch === '»') {
            ranges.push({ start: starts.pop()!, end: { line, character } });
            continue;
        }
        text += ch;
        if (ch === '\n') {
            line++;
            character = 0;
        } else {
            character += ch.length;
        }
    }
    return { text, ranges };
}

/** A network around some statements, with an input of 3×224×224 unless given. */
export function net(body: string, input = '3x224x224'): string {
    return `network N {\n    input ${input}\n${body}\n}\n`;
}

/** Diagnostics as `code: message` lines, for exact comparison. */
export function messages(analyzed: Analyzed): string[] {
    return analyzed.all.map(d => `${d.code}: ${d.message}`);
}
