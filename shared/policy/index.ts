/**
 * `shared/policy/`
 *
 * What is known about policy changes once stored: the regime and timeline queries
 * (`history.ts`), refreshing statuses when related changes arrive (`refresh.ts`), the catalogue
 * as the administrators edit it.
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
