/**
 * The architecture as rules, checked by `npm test` (`npm run deps`). The wings of `shared/`, from
 * the bottom up:
 *
 *   kernel      errors, ids, metrics port, redaction: imports nothing of the project
 *   model       the records and their pure rules (policy change, lifecycle, catalogue, subscription,
 *               delivery, audit record): kernel only
 *   store       DynamoDB adapters over one table: kernel and model only
 *   policy, ingest, subscriptions, matching, delivery, operations
 *               the service's domain: kernel, model, store and each other, never the API
 *   api         the HTTP layer (Hono): everything below it
 *   wiring      composition (config, the services over a table, AWS clients): everything in shared/
 *
 * Outside shared/: functions/ (Lambda entries) wire through shared/; local/ (the local and
 * distributed runtimes) may import anything, and nothing in shared/ or functions/ imports it.
 */
const DOMAIN = '^shared/(policy|ingest|subscriptions|matching|delivery|operations)/';

/** A layer rule: modules under `from` import nothing under `to`. */
const layer = (name, comment, from, to) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form no cycle: each import points one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
    layer(
      'kernel-imports-nothing-above',
      'shared/kernel is the floor: it imports no other wing.',
      '^shared/kernel/',
      '^(shared/(?!kernel/)|local/|functions/)',
    ),
    layer(
      'model-imports-only-kernel',
      'The model holds records and pure rules: it imports only the kernel.',
      '^shared/model/',
      '^(shared/(?!(kernel|model)/)|local/|functions/)',
    ),
    layer(
      'store-imports-no-domain-or-api',
      'The store adapters persist the model: they import the kernel and the model, never a domain wing, the API or the wiring. An adapter of a domain interface sits beside that interface.',
      '^shared/store/',
      '^(shared/(?!(kernel|model|store)/)|local/|functions/)',
    ),
    layer(
      'domain-imports-no-api',
      'The domain wings never import the HTTP layer, the wiring or a runtime.',
      DOMAIN,
      '^(shared/(api|wiring)/|local/|functions/)',
    ),
    layer(
      'api-imports-no-wiring',
      'The API is wired from outside: it imports no composition and no runtime.',
      '^shared/api/',
      '^(shared/wiring/|local/|functions/)',
    ),
    layer(
      'service-imports-no-runtime',
      'The service code and the Lambda entries never import the local or distributed runtime.',
      '^(shared|functions|infra)/',
      '^local/',
    ),
    layer(
      'service-imports-no-tests-or-tools',
      'Service code does not reach into tests, the bench or scripts.',
      '^(shared|functions|infra|local)/',
      '^(test|bench|scripts)/',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|dist|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
