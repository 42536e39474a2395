import { defineConfig } from 'vitest/config';
import base, { SLOW_SUITES } from './vitest.config.js';

/**
 * `npm run test:slow`: graceful shutdown of `npm start` (SIGTERM mid fan-out, restarts, the data
 * folder lock), fair delivery under load (slow and failing endpoints beside healthy ones, rate
 * limits measured in a receiver process of its own), a fan-out of 500 alerts with retries through the
 * whole local runtime, and the API's latency while the heaviest
 * watchlists are matched. CI runs it after `npm test`.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: SLOW_SUITES,
    exclude: ['node_modules/**'],
    // The suites wait on child processes and sockets far more than they compute: side by side.
    maxWorkers: 2,
  },
});
