import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run test:distributed`: the end-to-end and kill -9 tests on `npm run start:distributed`. */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/distributed/**/*.test.ts'],
    exclude: ['node_modules/**'],
  },
});
