import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the console in headless Chromium against `npm start` (which brings its own
 * DynamoDB Local). Needs the console built (`npm run build:console`, part of `npm test`) and
 * Debian's chromium at /usr/bin/chromium (.ci/run installs it).
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
