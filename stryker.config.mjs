/**
 * `npm run mutation`: Stryker over the pure core (lifecycle, filter and entity matching, applicability, retry
 * schedule, signing, URL policy, the importer's tagger), with the unit tests of
 * vitest.mutation.config.ts and per-test coverage. Reports go to reports/mutation/ (git-ignored);
 * the scores are recorded in bench/results/mutation.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Stryker rewrites a tsconfig's extends/references through the TypeScript 5 API, which TypeScript 7
  // no longer has; ours has neither, and vitest does not read it, so there is nothing to rewrite.
  tsconfigFile: '',
  mutate: [
    'shared/model/lifecycle.ts',
    'shared/matching/match-filters.ts',
    'shared/matching/match-clauses.ts',
    'shared/model/filter-clauses.ts',
    'shared/matching/applicability.ts',
    'shared/matching/entities.ts',
    'shared/matching/name-words.ts',
    'shared/matching/same-party.ts',
    'shared/delivery/retry/retry-schedule.ts',
    'shared/delivery/retry/attempt-outcome.ts',
    'shared/delivery/webhooks/signing.ts',
    'shared/delivery/webhooks/url-policy.ts',
    'shared/ingest/sources/tagging/tagger.ts',
    'shared/ingest/sources/tagging/tagging-rules.ts',
    'shared/ingest/sources/tagging/material-terms.ts',
    'shared/ingest/sources/tagging/regions-in-text.ts',
  ],
  plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/error-messages-ignorer.mjs'],
  // Error messages are text for people (see the ignorer); every other string is behaviour.
  ignorers: ['error-messages'],
  // Two cores, shared: never more than two test runners.
  concurrency: 2,
  // A mutant of a module-level value (a rule table, a constant) reruns every test file on a fresh
  // module graph, which on a loaded machine outlasts the default allowance and would be scored a
  // timeout; a mutant that really loops is stopped by Stryker's hit limit long before this.
  timeoutMS: 60_000,
  tempDirName: 'reports/mutation/.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
};
