import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * code-server 4.100.3 (VS Code 1.100.3 on Node 20), installed by scripts/ci/code-server.sh, with
 * state folders of its own in a temporary directory. See shared/notes/REAL-EDITOR-TESTS.md.
 */
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_ROOT = join(process.env.HOME ?? '', '.cache', 'cnn-architect', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(CODE_SERVER_ROOT, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_FOLDER = 'cnn-architect.cnn-architect-0.1.0';

/** Why the real-editor tests cannot run here, or undefined when they can. */
export function missingTool(): string | undefined {
    if (!existsSync(join(CODE_SERVER_ROOT, '.complete')) || !existsSync(CODE_SERVER_BIN)) {
        return `code-server ${CODE_SERVER_VERSION} is not installed at ${CODE_SERVER_ROOT} (run scripts/ci/code-server.sh)`;
    }
    if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
    return undefined;
}

export interface Session {
    root: string;
    workspace: string;
    port: number;
    /** The unpacked .vsix as code-server installed it. */
    extensionPath: string;
    stop(): void;
}

/** Packs the extension as a user gets it (`vsce package --no-dependencies`) into `folder`. */
export function packageVsix(folder: string): string {
    const vsix = join(folder, 'cnn-architect.vsix');
    const result = spawnSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
        '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
    return vsix;
}

/**
 * The comparison's reference, from the CLI: the networks of the examples with a published top-1,
 * each distinct network (name, params, MACs) once, as `cnn/compare` lists them.
 */
export function expectedBubbles(): number {
    const files = readdirSync(resolve('examples')).filter(n => n.endsWith('.cnn')).map(n => join('examples', n));
    const result = spawnSync(process.execPath, [resolve('out/cli/cnn.cjs'), 'compare', ...files, '--format', 'json'], { encoding: 'utf8' });
    const rows = (JSON.parse(result.stdout) as { networks: Array<{ name: string; params: number | string; macs: number | string; top1?: number | null }> }).networks;
    return new Set(rows.filter(r => typeof r.top1 === 'number').map(r => `${r.name}|${r.params}|${r.macs}`)).size;
}

/** A workspace with a copy of the examples and the broken file, the .vsix installed, code-server listening. */
export async function startSession(vsix: string): Promise<Session> {
    const root = mkdtempSync(join(tmpdir(), 'cnn-code-server-'));
    const workspace = join(root, 'workspace');
    cpSync(resolve('examples'), workspace, { recursive: true });
    cpSync(resolve('test/extension/fixtures'), workspace, { recursive: true });
    writeFileSync(join(workspace, 'expected-compare.json'), JSON.stringify({ bubbles: expectedBubbles() }));
    const userData = join(root, 'user-data');
    const extensions = join(root, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'editor.minimap.enabled': false,
        'workbench.colorTheme': 'Default Light Modern'
    }, null, 2));
    const env = {
        ...process.env,
        HOME: join(root, 'home'),
        XDG_CONFIG_HOME: join(root, 'config'),
        XDG_DATA_HOME: join(root, 'data'),
        XDG_CACHE_HOME: join(root, 'cache')
    };
    const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
    const install = spawnSync(process.execPath, [CODE_SERVER_BIN, ...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}\n${install.stderr}`);
    const installed = readdirSync(extensions).find(name => name.startsWith('cnn-architect.cnn-architect-'));
    if (!installed) throw new Error(`the .vsix did not install: ${readdirSync(extensions).join(', ')}`);
    const port = await freePort();
    const server = spawn(process.execPath, [CODE_SERVER_BIN, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
        '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...common, workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await listening(server);
    return {
        root, workspace, port, extensionPath: join(extensions, installed),
        stop() {
            // By its PID: its extension hosts would otherwise linger.
            if (server.pid !== undefined && server.exitCode === null) {
                try { process.kill(server.pid, 'SIGTERM'); } catch { /* already gone */ }
            }
        }
    };
}

function listening(server: ChildProcess): Promise<void> {
    return new Promise((resolvePromise, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('HTTP server listening')) {
                clearTimeout(timer);
                resolvePromise();
            }
        };
        server.stdout?.on('data', onData);
        server.stderr?.on('data', onData);
        server.on('exit', code => {
            clearTimeout(timer);
            reject(new Error(`code-server exited (${code}):\n${output}`));
        });
    });
}

function freePort(): Promise<number> {
    return new Promise((resolvePromise, reject) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            probe.close(() => typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port')));
        });
    });
}

/** The page URL that makes code-server run the mocha suite in its extension host. */
export function testUrl(session: Session, testsPath: string): string {
    const remote = (path: string) => `vscode-remote://127.0.0.1:${session.port}${path}`;
    const payload = [['extensionDevelopmentPath', remote(session.extensionPath)], ['extensionTestsPath', remote(testsPath)]];
    return `http://127.0.0.1:${session.port}/?folder=${encodeURIComponent(session.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export function workspaceUrl(session: Session): string {
    return `http://127.0.0.1:${session.port}/?folder=${encodeURIComponent(session.workspace)}`;
}
