import Mocha from 'mocha';
import { registerExtensionTests } from './extension-tests.js';

/**
 * The extension-host entry (`extensionTestsPath`) for @vscode/test-electron and for code-server:
 * one bundled file, so the suite is registered by a call rather than found on disk.
 */
export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
    // Gives the suite its `describe`/`it` globals, as `mocha.addFile` would.
    mocha.suite.emit('pre-require', globalThis, 'extension-tests', mocha);
    registerExtensionTests();
    return new Promise((resolve, reject) => {
        mocha.run(failures => failures > 0 ? reject(new Error(`${failures} extension tests failed`)) : resolve());
    });
}
