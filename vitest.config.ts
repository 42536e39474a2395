import { defineConfig } from 'vitest/config';

/**
 * Suites that take minutes each (graceful shutdown of `npm start`, fair delivery under load): run
 * by `npm run test:slow` (vitest.slow.config.ts), which CI runs after `npm test`.
 */
export const SLOW_SUITES = ['test/reliability/shutdown.test.ts', 'test/reliability/fair-delivery.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The distributed topology (a process per function, moto_server) runs on its own: npm run test:distributed.
    // The slow suites too: npm run test:slow.
    exclude: ['test/distributed/**', ...SLOW_SUITES, 'node_modules/**'],
    // One DynamoDB Local for the whole run; each test file makes its own table.
    globalSetup: ['test/support/global-setup.ts'],
    // After each file: nothing it logged through the harnesses leaks a secret or contact details.
    setupFiles: ['test/support/setup-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK's notice about Node 20 (Lambda runs Node 22) says nothing about the code under test.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
