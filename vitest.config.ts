import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Suites that take a minute or more each (graceful shutdown of `npm start`, fair delivery under
 * load, a fan-out of 500 alerts through the whole runtime) or measure latency (the API's while
 * matching runs), run by `npm run test:slow` (vitest.slow.config.ts), which CI runs after `npm test`.
 */
export const SLOW_SUITES = [
  'test/reliability/shutdown.test.ts',
  'test/reliability/fair-delivery.test.ts',
  'test/reliability/fan-out.test.ts',
  'test/reliability/matching-off-loop.test.ts',
  'test/docs/readme-quick-start.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite (npm run test:browser), the distributed topology (a process per function,
    // moto_server: npm run test:distributed) and the slow suites (npm run test:slow) run on their own,
    // each with its own config.
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/distributed/**', ...SLOW_SUITES],
    // One DynamoDB Local for the whole run; each test file makes its own table.
    globalSetup: ['test/support/global-setup.ts'],
    // After each file: nothing it logged through the harnesses leaks a secret or contact details.
    setupFiles: ['test/support/setup-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most of a file's time is spent waiting on DynamoDB Local and sockets, and
    // vitest's default on a 2-core machine is one.
    maxWorkers: 2,
    // The SDK's notice about Node 20 (Lambda runs Node 22) says nothing about the code under test.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
