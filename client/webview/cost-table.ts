import type { Bar } from './model.js';
import { el } from './dom.js';
import { grouped } from './format.js';

type SortKey = 'index' | 'label' | 'path' | 'kind' | 'output' | 'memory' | 'params' | 'compute' | 'line';
export type SortDirection = 'ascending' | 'descending';
export interface SortState { key: SortKey; direction: SortDirection }

interface Column { key: SortKey; title: string; numeric: boolean; text: (bar: Bar, index: number) => string; order: (bar: Bar, index: number) => number | bigint | string }

/**
 * The accessible data table of the bars: real header cells with scope and aria-sort, sorting by
 * buttons in the headers (so Tab, Enter and Space work), rows that reveal their statement.
 */
export class CostTable {
    readonly element: HTMLTableElement;
    private readonly head: HTMLTableRowElement;
    private readonly body: HTMLTableSectionElement;
    private bars: readonly Bar[] = [];
    private rows: HTMLTableRowElement[] = [];
    private columns: Column[] = [];
    sort: SortState = { key: 'index', direction: 'ascending' };

    constructor(private readonly onReveal: (index: number) => void, private readonly onSort: (sort: SortState) => void) {
        this.head = el('tr');
        this.body = el('tbody');
        this.element = el('table', { attrs: { 'aria-label': 'Cost per layer' } }, el('thead', {}, this.head), this.body);
        // One listener for every row (rows are reused from one analysis to the next).
        const rowIndex = (target: EventTarget | null): number | null => {
            const row = target instanceof Element ? target.closest('tr') : null;
            return row?.dataset.index === undefined ? null : Number(row.dataset.index);
        };
        this.body.addEventListener('click', event => {
            const index = rowIndex(event.target);
            if (index !== null) this.onReveal(index);
        });
        this.body.addEventListener('keydown', event => {
            const index = rowIndex(event.target);
            if (index !== null && (event.key === 'Enter' || event.key === ' ')) {
                event.preventDefault();
                this.onReveal(index);
            }
        });
    }

    private columnsFor(computeTitle: string): Column[] {
        return [
            { key: 'index', title: '#', numeric: true, text: (_, i) => String(i + 1), order: (_, i) => i },
            { key: 'label', title: 'Name', numeric: false, text: b => b.label, order: b => b.label },
            { key: 'path', title: 'Path', numeric: false, text: b => b.path, order: b => b.path },
            { key: 'kind', title: 'Kind', numeric: false, text: b => b.kind, order: b => b.kind },
            { key: 'output', title: 'Output', numeric: false, text: b => b.output.join('×'), order: b => b.output.reduce((p, v) => p * v, 1) },
            { key: 'memory', title: 'Memory (bytes)', numeric: true, text: b => grouped(b.memory), order: b => b.memory },
            { key: 'params', title: 'Params', numeric: true, text: b => grouped(b.params), order: b => b.params },
            { key: 'compute', title: computeTitle, numeric: true, text: b => grouped(b.compute), order: b => b.compute },
            { key: 'line', title: 'Line', numeric: true, text: b => String(b.line), order: b => b.line }
        ];
    }

    draw(bars: readonly Bar[], computeTitle: string): void {
        this.bars = bars;
        if (this.columns[7]?.title !== computeTitle) {
            this.columns = this.columnsFor(computeTitle);
            this.head.replaceChildren(...this.columns.map(column => {
                const button = el('button', { text: column.title, attrs: { type: 'button' } });
                button.addEventListener('click', () => this.toggle(column.key));
                const th = el('th', { class: column.numeric ? 'num' : '', attrs: { scope: 'col' } }, button);
                th.dataset.key = column.key;
                return th;
            }));
        }
        // Rows are kept and only their changed cells rewritten: a keystroke changes few numbers.
        while (this.rows.length > bars.length) this.rows.pop();
        while (this.rows.length < bars.length) {
            const tr = el('tr', { attrs: { tabindex: '0' } }, ...this.columns.map((column, c) =>
                c === 1 ? el('th', { attrs: { scope: 'row' } }) : el('td', { class: column.numeric ? 'num' : '' })));
            tr.dataset.index = String(this.rows.length);
            this.rows.push(tr);
        }
        bars.forEach((bar, index) => {
            const cells = this.rows[index]!.children;
            this.columns.forEach((column, c) => {
                const text = column.text(bar, index);
                const cell = cells[c]!;
                if (cell.textContent !== text) cell.textContent = text;
            });
        });
        this.order();
    }

    private toggle(key: SortKey): void {
        const numeric = this.columns.find(c => c.key === key)?.numeric ?? false;
        // Numbers sort largest first on the first click (where is the cost?), text A to Z.
        const first: SortDirection = numeric && key !== 'index' && key !== 'line' ? 'descending' : 'ascending';
        this.sort = this.sort.key === key ? { key, direction: this.sort.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: first };
        this.order();
        this.onSort(this.sort);
        this.head.querySelector<HTMLButtonElement>(`th[data-key="${key}"] button`)?.focus();
    }

    private order(): void {
        const column = this.columns.find(c => c.key === this.sort.key) ?? this.columns[0]!;
        const sign = this.sort.direction === 'ascending' ? 1 : -1;
        const indices = this.bars.map((_, i) => i);
        indices.sort((a, b) => {
            const x = column.order(this.bars[a]!, a);
            const y = column.order(this.bars[b]!, b);
            const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x < y ? -1 : x > y ? 1 : 0;
            return c * sign || a - b;
        });
        // Moving every row costs a full table layout: only when the order or the rows changed.
        const children = this.body.children;
        const same = children.length === indices.length && indices.every((i, k) => children[k] === this.rows[i]);
        if (!same) this.body.replaceChildren(...indices.map(i => this.rows[i]!));
        for (const th of this.head.querySelectorAll<HTMLTableCellElement>('th')) {
            th.setAttribute('aria-sort', th.dataset.key === column.key ? this.sort.direction : 'none');
        }
    }

    highlight(highlighted: ReadonlySet<number>): void {
        this.rows.forEach((row, i) => row.classList.toggle('highlighted', highlighted.has(i)));
    }
}
