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
    {
      name: 'kernel-imports-nothing-above',
      severity: 'error',
      comment: 'shared/kernel is the floor: it imports no other wing.',
      from: { path: '^shared/kernel/' },
      to: { path: '^(shared/(?!kernel/)|local/|functions/)' },
    },
    {
      name: 'model-imports-only-kernel',
      severity: 'error',
      comment: 'The model holds records and pure rules: it imports only the kernel.',
      from: { path: '^shared/model/' },
      to: { path: '^(shared/(?!(kernel|model)/)|local/|functions/)' },
    },
    {
      name: 'store-imports-no-domain-or-api',
      severity: 'error',
      comment:
        'The store adapters persist the model: they import the kernel and the model, never a domain wing, the API or the wiring. An adapter of a domain interface sits beside that interface.',
      from: { path: '^shared/store/' },
      to: { path: '^(shared/(?!(kernel|model|store)/)|local/|functions/)' },
    },
    {
      name: 'domain-imports-no-api',
      severity: 'error',
      comment: 'The domain wings never import the HTTP layer, the wiring or a runtime.',
      from: { path: DOMAIN },
      to: { path: '^(shared/(api|wiring)/|local/|functions/)' },
    },
    {
      name: 'api-imports-no-wiring',
      severity: 'error',
      comment: 'The API is wired from outside: it imports no composition and no runtime.',
      from: { path: '^shared/api/' },
      to: { path: '^(shared/wiring/|local/|functions/)' },
    },
    {
      name: 'service-imports-no-runtime',
      severity: 'error',
      comment: 'The service code and the Lambda entries never import the local or distributed runtime.',
      from: { path: '^(shared|functions|infra)/' },
      to: { path: '^local/' },
    },
    {
      name: 'service-imports-no-tests-or-tools',
      severity: 'error',
      comment: 'Service code does not reach into tests, the bench or scripts.',
      from: { path: '^(shared|functions|infra|local)/' },
      to: { path: '^(test|bench|scripts)/' },
    },
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
