import type { LangiumSharedCoreServices } from 'langium';
import { DEFAULT_SETTINGS, type CostSettings } from '../language/analysis/settings.js';

/** What the numbers shown are counted in: multiply-adds, or FLOPs (= 2 × MACs). */
export type ComputeUnit = 'macs' | 'flops';

export type InlayHintMode = 'off' | 'shapes' | 'shapesAndCosts';

/**
 * The `cnn.*` settings of the editor, as the server applies them to hovers, inlay hints, code
 * lenses, diagnostics and the `cnn/analysis` report. Any LSP client can send them through
 * `workspace/configuration` (section `cnn`); a client that sends nothing gets these defaults.
 */
export interface EditorSettings {
    cost: CostSettings;
    unit: ComputeUnit;
    /** What the inlay hints show; the old `cnn.inlayHints.shapes/costs` booleans still apply on top. */
    inlayHints: { shapes: boolean; costs: boolean };
    /** Publish the `inexact` hint (shapes rounded down by a window that does not fit). */
    inexactHints: boolean;
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
    cost: DEFAULT_SETTINGS,
    unit: 'macs',
    inlayHints: { shapes: true, costs: false },
    inexactHints: true
};

const MAX_BYTES_PER_ELEMENT = 64;
const MAX_BATCH = 1_000_000;
const MAX_INPUT_DIM = 1_000_000;

/**
 * Reads the `cnn` section as a client sent it. Anything malformed falls back to its default
 * (a setting typed by hand in settings.json must never break the server).
 */
export function parseEditorSettings(raw: unknown): EditorSettings {
    const section = isObject(raw) ? raw : {};
    const hints = isObject(section.inlayHints) ? section.inlayHints : {};
    const mode: InlayHintMode = hints.mode === 'off' || hints.mode === 'shapesAndCosts' ? hints.mode : 'shapes';
    const cost: CostSettings = {
        bytesPerElement: positiveInteger(section.bytesPerElement, MAX_BYTES_PER_ELEMENT) ?? DEFAULT_SETTINGS.bytesPerElement,
        batch: positiveInteger(section.batch, MAX_BATCH) ?? DEFAULT_SETTINGS.batch
    };
    const input = parseInputSize(section.inputSize);
    if (input) cost.inputOverride = input;
    return {
        cost,
        unit: section.computeUnit === 'flops' ? 'flops' : 'macs',
        inlayHints: {
            shapes: mode !== 'off' && hints.shapes !== false,
            costs: mode === 'shapesAndCosts' || (mode !== 'off' && hints.costs === true)
        },
        inexactHints: !(isObject(section.hints) && section.hints.inexact === false)
    };
}

/** `3x299x299` (or `3×299×299`, spaces allowed) → [3, 299, 299]; empty or malformed → undefined. */
export function parseInputSize(value: unknown): [number, number, number] | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /^\s*(\d+)\s*[x×]\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(value);
    if (!match) return undefined;
    const dims = [Number(match[1]), Number(match[2]), Number(match[3])] as [number, number, number];
    return dims.every(d => d >= 1 && d <= MAX_INPUT_DIM) ? dims : undefined;
}

/** The compute figure in the unit shown, and that unit's name. */
export function computeIn(unit: ComputeUnit, macs: bigint): { value: bigint; label: string } {
    return unit === 'flops' ? { value: 2n * macs, label: 'FLOPs' } : { value: macs, label: 'MACs' };
}

/**
 * The current settings, kept up to date from `workspace/configuration` and
 * `workspace/didChangeConfiguration` through Langium's configuration provider.
 */
export class CnnEditorSettings {
    private settings: EditorSettings = DEFAULT_EDITOR_SETTINGS;
    private readonly listeners: Array<(settings: EditorSettings) => void> = [];

    constructor(shared: LangiumSharedCoreServices) {
        const configuration = shared.workspace.ConfigurationProvider;
        // The initial fetch happens in `initialized`; read it once it is there.
        void configuration.ready.then(() => this.readFrom(configuration));
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'cnn') this.update(parseEditorSettings(update.configuration));
        });
    }

    get current(): EditorSettings {
        return this.settings;
    }

    /** Called after every change (not for the initial read when it equals the defaults). */
    onChange(listener: (settings: EditorSettings) => void): void {
        this.listeners.push(listener);
    }

    private async readFrom(configuration: LangiumSharedCoreServices['workspace']['ConfigurationProvider']): Promise<void> {
        const keys = ['bytesPerElement', 'batch', 'computeUnit', 'inputSize', 'inlayHints', 'hints'];
        const values = await Promise.all(keys.map(key => configuration.getConfiguration('cnn', key)));
        const raw = Object.fromEntries(keys.map((key, i) => [key, values[i]]));
        this.update(parseEditorSettings(raw));
    }

    private update(settings: EditorSettings): void {
        if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
        this.settings = settings;
        for (const listener of this.listeners) listener(settings);
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown, max: number): number | undefined {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}
