import { defineConfig } from 'vitest/config';

/**
 * The unit tests of the pure core, for `npm run mutation` (stryker.config.mjs): no DynamoDB, no
 * sockets, so Stryker can run them once per mutant in seconds.
 */
export const MUTATION_TESTS = [
  'test/lifecycle/lifecycle.test.ts',
  'test/lifecycle/timeline.test.ts',
  'test/matching/match-filters.test.ts',
  'test/matching/match-filters-v2.test.ts',
  'test/matching/index-reach.test.ts',
  'test/matching/index-partitions.test.ts',
  'test/matching/scopes.test.ts',
  'test/matching/applicability.test.ts',
  'test/matching/verdicts.test.ts',
  'test/matching/applicability-reasons.test.ts',
  'test/matching/clause-rules.test.ts',
  'test/matching/prepared-change.test.ts',
  'test/matching/entity-lookalikes.test.ts',
  'test/matching/name-words.test.ts',
  'test/matching/entity-labelled-set.test.ts',
  'test/matching/entity-rules.test.ts',
  'test/matching/same-party-rules.test.ts',
  'test/matching/jaro-winkler.test.ts',
  'test/webhooks/retry-schedule.test.ts',
  'test/delivery/attempt-outcome.test.ts',
  'test/webhooks/signing.test.ts',
  'test/webhooks/url-policy.test.ts',
  'test/sources/tagger.test.ts',
  'test/sources/tagging-rules.test.ts',
  'test/sources/tagger-materials.test.ts',
  'test/sources/tagger-fields.test.ts',
  'test/sources/regions-in-text.test.ts',
  'test/sources/material-terms.test.ts',
];

export default defineConfig({
  test: {
    include: MUTATION_TESTS,
    // A test file that fails to load must count as a failed test for Stryker (see the reporter).
    reporters: ['default', './scripts/mutation/load-failures-reporter.mjs'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
