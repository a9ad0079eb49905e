import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { describe, expect, it } from 'vitest';
import { packageVsix } from './code-server-harness.js';

/**
 * The same extension-host suite in desktop VS Code through @vscode/test-electron, against the
 * packaged .vsix. It cannot download VS Code here, so it runs only when VSCODE_EXECUTABLE_PATH
 * names an installed VS Code (the code-server test covers this machine).
 */
const executable = process.env.VSCODE_EXECUTABLE_PATH;
const missing = !executable ? 'VSCODE_EXECUTABLE_PATH is not set' : !existsSync(executable) ? `${executable} does not exist` : undefined;
if (missing) console.log(`[skip] desktop VS Code tests: ${missing}`);

describe.skipIf(missing !== undefined)('the extension in desktop VS Code', () => {
    it('passes the extension-host suite', async () => {
        const root = mkdtempSync(join(tmpdir(), 'cnn-desktop-'));
        try {
            const workspace = join(root, 'workspace');
            cpSync(resolve('examples'), workspace, { recursive: true });
            cpSync(resolve('test/extension/fixtures'), workspace, { recursive: true });
            const extensions = join(root, 'extensions');
            const userData = join(root, 'user-data');
            mkdirSync(extensions);
            const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable!);
            const install = spawnSync(cli, [...cliArgs, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', packageVsix(root)], { encoding: 'utf8', shell: process.platform === 'win32' });
            expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
            const installed = readdirSync(extensions).find(name => name.startsWith('cnn-architect.cnn-architect-'));
            expect(installed).toBeDefined();
            const code = await runTests({
                vscodeExecutablePath: executable,
                extensionDevelopmentPath: join(extensions, installed!),
                extensionTestsPath: resolve('out/test/extension/suite/index.cjs'),
                launchArgs: [workspace, '--extensions-dir', extensions, '--user-data-dir', userData, '--disable-workspace-trust', '--skip-welcome']
            });
            expect(code).toBe(0);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    }, 600_000);
});
