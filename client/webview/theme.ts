// The chart's colours, read from VS Code's --vscode-* CSS variables (through chart.css's --cnn-*
// fallbacks, which also serve the `cnn report` page outside VS Code).

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

export interface Theme {
    kind: ThemeKind;
    foreground: string;
    background: string;
    grid: string;
    highlight: string;
    /** Bar outlines (high contrast draws every bar outlined). */
    border: string;
    outside: string;
    stageColors: string[];
    font: string;
}

export function themeKind(body: HTMLElement): ThemeKind {
    const classes = body.classList;
    if (classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light')) return 'high-contrast';
    if (classes.contains('vscode-dark')) return 'dark';
    if (classes.contains('vscode-light')) return 'light';
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function readTheme(body: HTMLElement): Theme {
    const style = getComputedStyle(body);
    const value = (name: string): string => style.getPropertyValue(name).trim();
    return {
        kind: themeKind(body),
        foreground: value('--cnn-fg'),
        background: value('--cnn-bg'),
        grid: value('--cnn-grid'),
        highlight: value('--cnn-highlight'),
        border: value('--cnn-bar-border'),
        outside: value('--cnn-outside'),
        stageColors: [1, 2, 3, 4, 5, 6].map(i => value(`--cnn-stage-${i}`)),
        font: value('--cnn-font') || 'sans-serif'
    };
}

/**
 * Calls `changed` whenever VS Code switches the theme: it rewrites the body's class and sets the
 * --vscode-* variables on the root element's style.
 */
export function watchTheme(body: HTMLElement, changed: () => void): void {
    const observer = new MutationObserver(changed);
    observer.observe(body, { attributes: true, attributeFilter: ['class', 'style', 'data-vscode-theme-kind'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', changed);
}

/** Outside VS Code (the `cnn report` page) the system's light or dark preference picks the body class. */
export function followSystemTheme(body: HTMLElement): void {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
        body.classList.toggle('vscode-dark', query.matches);
        body.classList.toggle('vscode-light', !query.matches);
    };
    apply();
    query.addEventListener('change', apply);
}
