import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run test:distributed`: the end-to-end and kill -9 tests on `npm run start:distributed`. */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/distributed/**/*.test.ts'],
    // The service under test starts its own DynamoDB Local and moto_server.
    globalSetup: [],
    exclude: ['node_modules/**'],
  },
});
