import { NodeFileSystem } from 'langium/node';
import { analyzeSource } from '../language/analysis/analyze.js';
import type { CostSettings } from '../language/analysis/settings.js';
import { fileDiagnostics } from '../language/analysis/syntax-errors.js';
import { lineReader } from '../language/analysis/to-json.js';
import type { CnnDiagnostic, FileAnalysis } from '../language/analysis/types.js';
import { createCnnCoreServices } from '../language/cnn-module.js';
import { SourceLoader, type LoadedFile } from './load-sources.js';

export interface AnalyzedFile {
    file: LoadedFile;
    analysis: FileAnalysis;
    /** Syntax errors first, then the analysis's diagnostics, in source order. */
    diagnostics: CnnDiagnostic[];
    lineText(uri: string, line: number): string;
}

let services: ReturnType<typeof createCnnCoreServices> | undefined;

/** Parses a file and its imports and analyses it. Throws when the file itself cannot be read. */
export function analyzeFile(path: string, settings: CostSettings): AnalyzedFile {
    services ??= createCnnCoreServices(NodeFileSystem);
    const loader = new SourceLoader(services.shared);
    const file = loader.loadRoot(path);
    const analysis = analyzeSource(file.source, loader.lookup, settings);
    const diagnostics = fileDiagnostics(file.document, analysis.diagnostics);
    return { file, analysis, diagnostics, lineText: lineReader(uri => loader.textOf(uri)) };
}
