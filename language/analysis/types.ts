import type { AstNode } from 'langium';
import type { Value } from './expressions.js';
import type { IssueCode } from './issue-codes.js';
import type { Formula } from './layer-rules.js';
import type { Field } from './receptive-field.js';
import type { LayerAttributes } from './layer-attributes.js';

/** Channels-first: `[C, H, W]` for feature maps, `[N]` for flat tensors (after flatten or fc). */
export type Shape = readonly [number, number, number] | readonly [number];

/** A 0-based position as LSP counts it (line, UTF-16 column). */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Severity = 'error' | 'warning' | 'hint';

export interface RelatedInformation { uri: string; range: Range; message: string }

export interface CnnDiagnostic {
    severity: Severity;
    code: IssueCode;
    message: string;
    uri: string;
    range: Range;
    related: RelatedInformation[];
    /** Facts a quick fix needs (e.g. the inferred shape for an annotation fix). */
    data?: Record<string, unknown>;
}

/** One row per executed op, residual add, concat, split or scale, in execution order. */
export interface LayerRow {
    name: string;
    op: string;
    /** Stage, call (`#k` per repetition), composite and branch names joined by `/`. */
    path: string;
    input: Shape;
    output: Shape;
    params: bigint;
    /** Non-trainable state: batch norm's running mean and variance. */
    buffers: bigint;
    macs: bigint;
    otherOps: bigint;
    /** Elements of the tensor this row writes; 0 for in-place ops and views. */
    memoryElements: bigint;
    /** Receptive field and jump of the output, in input pixels along H and W. */
    field: Field;
    /** How params and MACs follow from the shapes (conv, dwconv, fc, bn). */
    formula?: Formula;
    /** The layer's evaluated options (kernel, stride, padding, groups, …), for the compiler. */
    attributes?: LayerAttributes;
    /** The statement that produced the row (in the file that defines it). */
    node: AstNode;
    /** Name of the tap this row belongs to, if any. */
    tap?: string;
    /**
     * The dataflow graph (dataflow.ts): indices of the rows whose output tensors this row reads,
     * in order; -1 is the network's input. Residual add: [body, shortcut]; concat and split: each
     * branch's output; scale: [input, body]; every other row: [its input].
     */
    inputs: number[];
    /** Present when some input is a split's slice: per input, its channels `[start, end)` or null. */
    inputChannels?: Array<readonly [number, number] | null>;
}

/** Costs summed over a run of rows. */
export interface Totals {
    params: bigint;
    buffers: bigint;
    macs: bigint;
    otherOps: bigint;
    memoryElements: bigint;
}

/** A stage, tap or block call as executed: its rows are `rows[firstRow, endRow)`. */
export interface Group {
    name: string;
    path: string;
    node: AstNode;
    /** For a block call: the block it expanded. */
    block?: AstNode;
    /** For a block call: its parameters' values (hovers show expressions evaluated with them). */
    values?: ReadonlyMap<string, Value>;
    /** The shape the group started from. */
    input: Shape;
    output: Shape | null;
    firstRow: number;
    endRow: number;
    totals: Totals;
}

export interface NetworkAnalysis {
    name: string;
    node: AstNode;
    input: Shape;
    /** null when an error stopped inference before the end. */
    output: Shape | null;
    rows: LayerRow[];
    totals: Totals;
    stages: Group[];
    taps: Group[];
    calls: Group[];
    meta: Record<string, string | number>;
    /** Peak activation memory (LANGUAGE.md §8.9), in elements: per row and the maximum. */
    liveElements: bigint[];
    peakMemoryElements: bigint;
    /** Set when the caller's `shouldStop` ended the expansion early (analyze.ts): the rows are a prefix. */
    stopped?: true;
}

export interface FileAnalysis {
    uri: string;
    networks: NetworkAnalysis[];
    diagnostics: CnnDiagnostic[];
    /** Set when `shouldStop` ended the analysis early: some network is incomplete or not expanded. */
    stopped?: true;
}
