/**
 * `shared/store/`
 *
 * DynamoDB adapters over the one table: the key design (`keys.ts`, shared with the CDK stack),
 * paging, write failures and throttling retries, one store per record kind.
 *
 * Imports: the kernel and the model, never a domain wing, the API or the wiring. An adapter of
 * an interface a domain wing declares sits beside that interface (`delivery/endpoint/endpoint-
 * store.ts`).
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
