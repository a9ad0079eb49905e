import type { ExtensionState } from '../extension-state.js';
import type { CnnChartPanel } from '../chart-panel.js';
import { showChart } from './show-chart.js';

/** `CNN: Compare Networks`: the chart's comparison tab (MACs × top-1, params as bubble area). */
export function compareNetworks(state: ExtensionState, uriArg?: unknown, networkArg?: unknown): CnnChartPanel | undefined {
    return showChart(state, uriArg, networkArg, 'compare');
}
