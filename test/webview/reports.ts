// Real analyses for the browser tests: the examples through the same code as `cnn analyze --format json`.
import { analyzeFile } from '../../cli/analyze-file.js';
import type { AnalysisMessage } from '../../client/webview-protocol.js';
import { DEFAULT_SETTINGS, type CostSettings } from '../../language/analysis/settings.js';
import { toJsonReport, type JsonReport } from '../../language/analysis/to-json.js';

export function jsonReport(path: string, settings: CostSettings = DEFAULT_SETTINGS): JsonReport {
    const analyzed = analyzeFile(path, settings);
    return toJsonReport(path, analyzed.analysis, analyzed.diagnostics, settings, analyzed.lineText);
}

export function analysisMessage(report: JsonReport, extra: Partial<AnalysisMessage> = {}): AnalysisMessage {
    return { type: 'analysis', report, network: null, fileName: report.file, version: 1, settings: { unit: 'macs', bytesPerElement: 4, batch: 1 }, ...extra };
}
