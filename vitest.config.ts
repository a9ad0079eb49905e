import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        reporters: ['default', './test/summary-reporter.ts'],
        // The CLI tests spawn the built bundle; a cold Langium start takes a moment on a busy machine.
        testTimeout: 30_000
    }
});
