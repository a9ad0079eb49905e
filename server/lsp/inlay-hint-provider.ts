import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import { formatCount } from '../../language/analysis/format.js';
import { statementEnd } from '../../language/analysis/ranges.js';
import { formatShape, parseDims } from '../../language/analysis/shape.js';
import { isCall, isConcat, isLayer, isOpParam, isResidual, isScale, isSplit, type Annot } from '../../language/generated/ast.js';
import type { CnnServices } from '../cnn-module.js';
import type { CnnDocumentAnalyzer, DocumentAnalysis } from '../document-analyzer.js';
import { computeIn, type CnnEditorSettings, type EditorSettings } from '../settings.js';
import { errorLineAbove } from './inference-stop.js';

/** What the hints show: from `cnn.inlayHints.mode` (and the older `shapes`/`costs` booleans), batch and unit. */
interface InlayHintSettings {
    shapes: boolean;
    costs: boolean;
    batch: number;
    unit: EditorSettings['unit'];
}

const MAX_SHAPES = 3;

/** `→ 64×56×56` after every layer, call and composite; with `cnn.inlayHints.costs`, `· 118M MACs`. */
export class CnnInlayHintProvider implements InlayHintProvider {
    private readonly analyzer: CnnDocumentAnalyzer;
    private readonly editorSettings: CnnEditorSettings;

    constructor(services: CnnServices) {
        this.analyzer = services.analysis.DocumentAnalyzer;
        this.editorSettings = services.analysis.Settings;
    }

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[]> {
        const settings = await this.settings();
        if (!settings.shapes && !settings.costs) return [];
        const analysis = this.analyzer.analyze(document);
        const start = document.textDocument.offsetAt(params.range.start);
        const end = document.textDocument.offsetAt(params.range.end);
        const hints: InlayHint[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            const cst = node.$cstNode;
            if (!cst || cst.end < start || cst.offset > end || !isHinted(node)) continue;
            const hint = hintFor(node, analysis, settings);
            if (hint) hints.push(hint);
        }
        return hints;
    }

    private async settings(): Promise<InlayHintSettings> {
        const { inlayHints, cost, unit } = this.editorSettings.current;
        return { ...inlayHints, batch: cost.batch, unit };
    }
}

function isHinted(node: AstNode): boolean {
    return isLayer(node) || isOpParam(node) || isCall(node) || isResidual(node) || isConcat(node) || isSplit(node) || isScale(node);
}

function hintFor(node: AstNode, analysis: DocumentAnalysis, settings: InlayHintSettings): InlayHint | undefined {
    const position = statementEnd(node);
    const outputs = [...new Set(analysis.outputsOf(node).map(formatShape))];
    if (!position) return undefined;
    if (outputs.length === 0) {
        // Below an error, say that inference stopped there rather than nothing (§8.11).
        const line = settings.shapes ? errorLineAbove(analysis, node) : undefined;
        return line === undefined ? undefined : { position, label: ` → ? (stopped by the error at line ${line})`, kind: InlayHintKind.Type, paddingLeft: true };
    }
    const parts: string[] = [];
    if (settings.shapes && !annotationAgrees((node as { annot?: Annot }).annot, outputs)) {
        parts.push(`→ ${outputs.slice(0, MAX_SHAPES).join(' | ')}${outputs.length > MAX_SHAPES ? ' | …' : ''}`);
    }
    if (settings.costs) {
        const macs = macsOf(node, analysis) * BigInt(settings.batch);
        const shown = computeIn(settings.unit, macs);
        if (macs > 0n) parts.push(`${formatCount(shown.value)} ${shown.label}`);
    }
    if (parts.length === 0) return undefined;
    return { position, label: ` ${parts.join(' · ')}`, kind: InlayHintKind.Type, paddingLeft: true };
}

/** A written annotation that every expansion agrees with already says what the hint would. */
function annotationAgrees(annot: Annot | undefined, outputs: string[]): boolean {
    if (!annot) return false;
    const declared = annot.dims !== undefined ? parseDims(annot.dims).join('×') : annot.flat;
    return outputs.every(output => output === declared);
}

/** MACs of the statement's first expansion (a call: all of its body). */
function macsOf(node: AstNode, analysis: DocumentAnalysis): bigint {
    if (isCall(node)) return analysis.groupsOf(node)[0]?.group.totals.macs ?? 0n;
    if (isLayer(node)) return analysis.rowsOf(node)[0]?.row.macs ?? 0n;
    return 0n;
}
